"""The project's own locale formats (``FORMAT_MODULE_PATH``): dates are typed in ISO 8601 only.

Django's ``en_GB`` formats read ``02/01/2024`` as 2 January in a form, where an American (or a
spreadsheet) means 1 February; the admin would store the one and show it back as the other
reader's date. ``en/formats.py`` serves every English locale, ``en-gb`` included (Django looks
for ``en_GB`` here, then ``en``, before its own formats), and names only what it changes.
"""
