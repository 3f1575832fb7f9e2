"""The benchmark harness behind `plein bench`: a large organisation, a raw-SQL floor, and the
community pages measured in-process and against the production-style server.

    bench.py     main(argv): the run, the JSON results and the table
    generate.py  the large organisation (raw bulk inserts; COPY on PostgreSQL)
    floor.py     the floor: the same 20 posts with one hand-written query and a minimal template
    http.py      the server processes and the concurrent HTTP clients

Nothing here is imported by the application itself.
"""
