"""Create (or promote) a staff user who belongs to the Curators group."""

import getpass
import os
import sys

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
        password = os.environ.get(PASSWORD_ENV)
        if no_input:
            if not password:
                raise CommandError(f"Set ${PASSWORD_ENV} or run without --no-input.")
            return password
        if sys.stdin is None or not sys.stdin.isatty():
            # getpass would fall back to reading a visible line, or fail with a traceback.
            if password:
                return password
            raise CommandError(
                "No terminal to ask for the password on. To create a curator unattended, set "
                f"the password in ${PASSWORD_ENV} and pass --no-input: "
                f"{PASSWORD_ENV}=... python manage.py create_curator NAME --no-input "
                f"(or {PASSWORD_ENV}=... make curator USERNAME=NAME)."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
