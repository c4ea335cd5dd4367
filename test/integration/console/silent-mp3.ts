/**
 * A valid MP3 of silence, made here so the test needs no audio file or encoder: MPEG-1 Layer III
 * frames at 128 kbit/s, 44.1 kHz, mono, each 417 bytes (144 × 128000 / 44100) and 1152 samples
 * long, whose all-zero side information decodes as silence.
 */
const FRAME_BYTES = 417;
const SAMPLES_PER_FRAME = 1152;
const SAMPLE_RATE = 44_100;

export function silentMp3(seconds: number): Buffer {
  const frame = Buffer.alloc(FRAME_BYTES);
  frame.set([0xff, 0xfb, 0x90, 0xc0]);
  const frames = Math.ceil((seconds * SAMPLE_RATE) / SAMPLES_PER_FRAME);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}
