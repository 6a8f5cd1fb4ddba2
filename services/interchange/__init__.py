"""Data in and out of Claimline: plain-data forms of the models (`serialize`), the JSON API
(`api_input`, `api_queries`, `api_writes`, the `openapi` document), the file formats with
each one's reader and writer (`formats`), the import pipeline every reader feeds
(`imports`, also loading the seed files through `seeding`) and the choice of claims an
export writes (`exports`). Everything that writes goes through `services.editing`, so it
accepts what the forms accept."""
