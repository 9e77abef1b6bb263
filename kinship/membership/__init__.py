"""Who belongs where and who may see what: the one home for membership and visibility.

Every app asks here which families, circles and schools a person can see and what kind of
account they hold, so that pages, downloads, feeds, emails and the API cannot drift apart.
A plain package, not an app: it has no models, only queries over those of families,
schools and accounts.
"""
