"""What the record pages (a patrol, an aircraft type, a source) show, built apart from the views.

``queries`` owns every queryset (each page makes a fixed number of SQL queries whatever the
number of rows it shows); ``links`` turns any record into the page or API URL that shows it;
``claims`` and ``sources`` build the disputed-claims and sources tables every page shares;
``patrol``, ``aircraft`` and ``source`` build each page's own sections.
"""
