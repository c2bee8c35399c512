"""Models through transformers: fluency (language model) and meaning (sentence embedder)."""
