"""Everything that fits the judge. Never imported at run time (tests/test_layout.py checks it).

``train`` rebuilds the shipped judge file from the news MQM data in
``training/data``; ``train_verdict`` fits the article verdict's cut points;
``newsroom`` and ``verdict_refit`` are ``mtcheck calibrate``'s refits on
editors' verdicts.
"""
