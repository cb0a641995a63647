"""`chiso766 fetch`: the period's scores from the national portal, stored as an export.

`endpoints` (the two APIs as requests, their paging, the rows of an answer), `client` (one
polite request at a time; stops at once when refused), `writer` (the capture folder, written
whole or not at all, with its `.fetch.json` sidecar), `run` (one period, start to end).
"""
