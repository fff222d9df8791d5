"""Skills to offer and to learn, their embeddings, the vector index and match ranking."""
