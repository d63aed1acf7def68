//! Printer output rendered in parallel and written in order, shared by the JSON and human
//! printers.

use rayon::prelude::*;

/// Items per parallel batch, and per buffer within it: bounds the memory in flight.
const BATCH: usize = 512;
const CHUNK: usize = 16;

/// Render `items` in parallel, a batch at a time, into buffers of [`CHUNK`] items each,
/// and hand the buffers to `write` in item order.
pub fn in_order<T: Sync>(
    items: &[T],
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for batch in items.chunks(BATCH) {
        let buffers: Vec<std::io::Result<Vec<u8>>> = batch
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut out = Vec::with_capacity(1 << 12);
                for item in chunk {
                    render(item, &mut out)?;
                }
                Ok(out)
            })
            .collect();
        for b in buffers {
            write(&b?)?;
        }
    }
    Ok(())
}
