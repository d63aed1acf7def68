//! Printer output rendered in parallel and written in order, shared by the JSON and human
//! printers.

use rayon::prelude::*;

/// Items per parallel batch, and per buffer within it: bounds the memory in flight.
const BATCH: usize = 512;
const CHUNK: usize = 16;

/// Render `items` in parallel, a batch at a time, into buffers of [`CHUNK`] items each,
/// and hand the buffers to `write` in item order. The buffers are kept from batch to
/// batch: grown once to the size of a chunk's output (tens of KB) instead of by doubling
/// from scratch, with a copy at each step, for every chunk.
pub fn in_order<T: Sync>(
    items: &[T],
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    mut write: impl FnMut(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffers: Vec<Vec<u8>> = Vec::new();
    for batch in items.chunks(BATCH) {
        let chunks = batch.len().div_ceil(CHUNK);
        if buffers.len() < chunks {
            buffers.resize_with(chunks, || Vec::with_capacity(1 << 12));
        }
        let rendered: Vec<std::io::Result<()>> = batch
            .par_chunks(CHUNK)
            .zip(buffers.par_iter_mut())
            .map(|(chunk, out)| {
                out.clear();
                chunk.iter().try_for_each(|item| render(item, out))
            })
            .collect();
        for (done, b) in rendered.into_iter().zip(&buffers) {
            done?;
            write(b)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Over several batches (the last one short, its buffers reused from a longer one):
    /// every item once, in order, and nothing left over from an earlier batch.
    #[test]
    fn items_come_out_once_in_order_across_batches() {
        let items: Vec<usize> = (0..BATCH * 2 + 37).collect();
        let mut out = Vec::new();
        in_order(
            &items,
            |&i, buf| {
                // the first batch writes more per item than the later ones
                let text = if i < BATCH {
                    format!("{i:>40}\n")
                } else {
                    format!("{i}\n")
                };
                buf.extend_from_slice(text.as_bytes());
                Ok(())
            },
            |b| {
                out.extend_from_slice(b);
                Ok(())
            },
        )
        .unwrap();
        let got: Vec<usize> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| l.trim().parse().unwrap())
            .collect();
        assert_eq!(got, items);
    }

    #[test]
    fn a_render_error_stops_the_output() {
        let items: Vec<usize> = (0..100).collect();
        let mut written = 0;
        let done = in_order(
            &items,
            |&i, buf| {
                if i == 40 {
                    return Err(std::io::Error::other("bad item"));
                }
                buf.push(b'x');
                Ok(())
            },
            |b| {
                written += b.len();
                Ok(())
            },
        );
        assert!(done.is_err());
        assert!(written < 40, "{written}");
    }
}
