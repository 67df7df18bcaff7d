"""Check the data set as a whole (sources cited, joint patrols joint, ordinals in date order)."""

from django.core.management.base import BaseCommand, CommandError

from curation.integrity import problems


class Command(BaseCommand):
    help = (
        "Check the data set as a whole: every fact record cites a source, every joint patrol "
        "has two countries or more, ordinals follow dates, citations and claims point at "
        "records that exist. Exits non-zero when anything is wrong."
    )

    def handle(self, *args, **options):
        found = problems()
        for line in found:
            self.stdout.write(f"  {line}")
        if found:
            raise CommandError(f"{len(found)} problem(s) found.")
        self.stdout.write(self.style.SUCCESS("The reference data holds up."))
