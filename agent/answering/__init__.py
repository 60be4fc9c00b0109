"""The offline answerer's parts, one job per module: ``nlp`` (the spaCy pipeline,
loaded once), ``evidence`` (which text may become a lead or a quote),
``abstention`` (the calibrated decision to say "the sources don't say")."""
