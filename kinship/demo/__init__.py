"""The Kaizen Network demo family, built through each app's own services by `seed_demo`.

Every app's demo data lives here, above the apps it fills, so no app imports its demo."""
