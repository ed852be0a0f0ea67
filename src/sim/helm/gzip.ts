/** A minimal gzip writer (stored, uncompressed deflate blocks) so release records are real gzip. */
let table: Uint32Array | undefined;

function crc32(data: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of data) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function gzipStore(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / 65535));
  const out = new Uint8Array(10 + blocks * 5 + data.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  let p = 10;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * 65535, Math.min(data.length, (i + 1) * 65535));
    out[p] = i === blocks - 1 ? 1 : 0;
    out[p + 1] = chunk.length & 0xff;
    out[p + 2] = chunk.length >> 8;
    out[p + 3] = ~chunk.length & 0xff;
    out[p + 4] = (~chunk.length >> 8) & 0xff;
    out.set(chunk, p + 5);
    p += 5 + chunk.length;
  }
  const crc = crc32(data);
  const len = data.length >>> 0;
  out.set([crc & 0xff, (crc >> 8) & 0xff, (crc >> 16) & 0xff, (crc >>> 24) & 0xff, len & 0xff, (len >> 8) & 0xff, (len >> 16) & 0xff, (len >>> 24) & 0xff], p);
  return out;
}
