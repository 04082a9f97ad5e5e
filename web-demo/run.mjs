// The part of the web demo that uses httpxx. The page shows this function's
// own source (Function.prototype.toString) under the call it makes, so the
// code a visitor reads is the code that runs. Everything else in the page only
// draws what `view` is told.

/**
 * Downloads `urls` through one client's `parallel()`: at most
 * `max_concurrency` requests wait for their response head at once (0: no
 * limit); each body is then streamed while the next requests go out. `view`
 * is told each step: queued (before the request is submitted), sent (it left
 * the queue and went on the wire), head, progress (bytes so far), then done
 * or failed (an httpxx error: ReadTimeout, ConnectError, InvalidURL, …).
 */
export async function downloadAll(AsyncClient, { base_url, urls, timeout, max_concurrency }, view) {
  const client = new AsyncClient({
    base_url,
    timeout,  // ms, to connect and for each read; null: none
    event_hooks: { request: [(request) => view.sent(request.url)] },
  });
  const parallel = client.parallel({ max_concurrency });
  await Promise.all(urls.map(async (url) => {
    const row = view.queued(url);
    try {
      const pending = parallel.get(url, { stream: true });  // starts now, or waits for a slot
      view.submitted(row, pending.request.url);
      const response = await pending.getResponse();  // its head (or its own error)
      view.head(row, response.status);
      let size = 0;
      for await (const chunk of response.stream()) view.progress(row, (size += chunk.length));
      view.done(row, size);
    } catch (error) {
      view.failed(row, error);  // error.name is the C++ class: ReadTimeout, ConnectError, …
    }
  }));
  await parallel.close();
  await client.close();
}
