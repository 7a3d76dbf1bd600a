"""Training and evaluation: dataset loaders, label mapping, train, evaluate."""
