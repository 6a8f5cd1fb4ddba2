"""Data in and out of Claimline: plain-data forms of the models, the JSON API (input, queries,
writes, the OpenAPI document), imports and their formats, exports, feeds and the seed files.
Everything that writes goes through `services.editing`, so it accepts what the forms accept."""
