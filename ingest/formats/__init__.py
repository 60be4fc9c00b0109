"""One module per input format; each turns raw bytes or text into a :class:`~ingest.records.Document`
or raises :class:`~ingest.formats.common.LoadError` with a reason a person can act on."""
