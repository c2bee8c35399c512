"""Tiny random-weight models built on the spot (a Llama, a BERT): nothing is downloaded."""

from __future__ import annotations

from pathlib import Path

CORPUS = [
    "Iraqi Prime Minister Mohammed Shia al-Sudani is under increasing pressure to confront the United States.",
    "Many see it as the latest U.S. attack on Iraq's independence, a threat to fragile stability.",
    "For Joe Biden's administration, the Iraqi response shows how difficult it is to maintain a partnership.",
    "NATO response to Putin's air strikes: Experts fear rapid escalation.",
    "The militias are backed by Iran but are also woven into Iraqi society, politics and government.",
]
LONG_TEXT = " ".join(CORPUS * 4)


def tiny_tokenizer(special: dict[str, str]):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    # Byte-level BPE like SmolLM2's: tokens carry their leading space, and
    # untrimmed offsets tile the text exactly.
    backend = Tokenizer(models.BPE())
    backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    backend.decoder = decoders.ByteLevel()
    backend.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=400,
        special_tokens=["<pad>", *special.values()],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(CORPUS, trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=backend, pad_token="<pad>", **special)


def save_tiny_model(folder: Path, *, special=None, sliding_window: int | None = None, positions: int = 256) -> str:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, MistralConfig, MistralForCausalLM

    tokenizer = tiny_tokenizer({"bos_token": "<s>", "eos_token": "</s>"} if special is None else special)
    shape = dict(
        vocab_size=len(tokenizer),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        num_key_value_heads=2,
        max_position_embeddings=positions,
        # Large random weights, so predictions differ from token to token.
        initializer_range=0.5,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
    )
    torch.manual_seed(0)
    if sliding_window is None:
        model = LlamaForCausalLM(LlamaConfig(**shape))
    else:
        model = MistralForCausalLM(MistralConfig(sliding_window=sliding_window, **shape))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


BERT_WORDS = "the of and to in a militia iraq government society politics said strike attack on was is".split()


def save_tiny_bert(folder):
    """A random-weight BERT and its word-piece tokenizer, saved to ``folder``."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder.mkdir(parents=True, exist_ok=True)
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ","] + BERT_WORDS
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n")
    BertTokenizerFast(vocab_file=str(folder / "vocab.txt")).save_pretrained(folder)
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=24,
    )
    BertModel(config).save_pretrained(folder)
    return str(folder)
