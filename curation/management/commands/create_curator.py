"""Create (or promote) a staff user who belongs to the Curators group."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from curation.curators import CURATORS_GROUP

PASSWORD_ENV = "DJANGO_CURATOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a curator: a staff user in the Curators group, who may edit every data model "
        "in the admin but nothing in auth. An existing user is added to the group."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--no-input",
            action="store_true",
            help=f"Do not prompt; take the password from ${PASSWORD_ENV}.",
        )

    def handle(self, username, email="", no_input=False, **options):
        try:
            group = Group.objects.get(name=CURATORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError("The Curators group is missing: run `manage.py migrate`.") from None
        user_model = get_user_model()
        user = user_model.objects.filter(username=username).first()
        password = None
        if user is None:
            password = self._password(no_input)
            candidate = user_model(username=username, email=email)
            try:
                validate_password(password, candidate)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
        with transaction.atomic():
            if user is None:
                user = user_model.objects.create_user(username, email=email, password=password)
                verb = "Created"
            else:
                verb = "Updated"
            user.is_staff = True
            user.save(update_fields=["is_staff"])
            user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{verb} curator {username!r}."))

    def _password(self, no_input):
        if no_input:
            password = os.environ.get(PASSWORD_ENV)
            if not password:
                raise CommandError(f"Set ${PASSWORD_ENV} or run without --no-input.")
            return password
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
