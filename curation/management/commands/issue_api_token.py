"""Issue (or rotate) the API token a script uses to write as a user.

    python manage.py issue_api_token alice            # prints alice's token, creating it once
    python manage.py issue_api_token alice --rotate   # replaces it; the old one stops working

The token carries the user's own permissions: a curator's token can write, anyone else's reads.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token


class Command(BaseCommand):
    help = "Print a user's API token, creating it if needed (--rotate replaces it)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--rotate", action="store_true", help="Replace the existing token with a new one."
        )

    @transaction.atomic
    def handle(self, *args, username, rotate, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        if not user.is_active:
            raise CommandError(f"{username!r} is inactive; activate the account first.")
        if rotate:
            Token.objects.filter(user=user).delete()
        token, created = Token.objects.get_or_create(user=user)
        if not user.has_perm("patrols.add_patrol"):
            self.stderr.write(
                f"Note: {username} holds no write permission (not a curator); "
                "the token can only read."
            )
        self.stdout.write(token.key)
