"""Speech recognition: faster-whisper's model (`models`), a recording decoded into five-minute
pieces (`pcm`), and Whisper over the pieces into a Transcript with word timestamps (`whisper`)."""

from bleeper.asr.models import MODEL_FILES, MODEL_SHA256, load_model, model_dir
from bleeper.asr.pcm import CHUNK_S, SAMPLE_RATE, pcm_chunks
from bleeper.asr.whisper import Piece, assemble, empty, is_silence, transcribe_audio, transcribe_piece

__all__ = ["CHUNK_S", "MODEL_FILES", "MODEL_SHA256", "SAMPLE_RATE", "Piece", "assemble", "empty", "is_silence",
           "load_model", "model_dir", "pcm_chunks", "transcribe_audio", "transcribe_piece"]
