"""Speech recognition: faster-whisper's model (`models`), a recording decoded into five-minute
pieces, mixed or per channel (`pcm`), Whisper over the pieces into a Transcript with word timestamps
(`whisper`), and a multichannel call's channels put back in time order (`channels`)."""

from bleeper.asr.models import MODEL_FILES, MODEL_SHA256, load_model, model_dir
from bleeper.asr.channels import interleave
from bleeper.asr.pcm import CHUNK_S, SAMPLE_RATE, channel_chunks, pcm_chunks, quiet
from bleeper.asr.whisper import Piece, assemble, empty, is_silence, transcribe_audio, transcribe_piece

__all__ = ["CHUNK_S", "MODEL_FILES", "MODEL_SHA256", "SAMPLE_RATE", "Piece", "assemble", "channel_chunks", "empty",
           "interleave", "is_silence", "load_model", "model_dir", "pcm_chunks", "quiet", "transcribe_audio",
           "transcribe_piece"]
