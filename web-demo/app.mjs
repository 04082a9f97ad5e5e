// The web demo: parallel streaming downloads through httpxx's JS module.
//
// The module is loaded with a dynamic import so that the page can say it is
// loading, show an error if the module (or its .wasm) fails to load, and keep
// the start button disabled until a client can actually be made: a click
// before then would otherwise be lost. <html data-state> tells scripts (and
// the end-to-end test) where the page is: loading, ready, running, done or
// failed.

// The downloads: [name, path on the demo server, expected bytes]. The last one
// is meant to fail (a 300 ms timeout on a 5 s delay) to show how errors read.
const DOWNLOADS = [
  ['slow', '/drip?numbytes=3000&duration=2&chunks=20', 3000],
  ['medium', '/drip?numbytes=2000&duration=1&chunks=10', 2000],
  ['fast', '/drip?numbytes=1000&duration=0.4&chunks=5', 1000],
  ['large', '/stream-bytes/2000000?chunk_size=65536', 2000000],
  ['too slow', '/delay-ms/5000', 0, { timeout: 300 }],
];

const $ = (selector) => document.querySelector(selector);

function setState(state, status) {
  document.documentElement.dataset.state = state;
  $('#status').textContent = status;
}

function describe(error) {
  return error && error.name ? `${error.name}: ${error.message}` : String(error);
}

function addRow(name, expected) {
  const row = document.createElement('tr');
  row.dataset.name = name;
  row.innerHTML = `<td>${name}</td><td><progress max="${expected || 1}" value="0"></progress></td>` +
    '<td class="bytes">0</td><td class="state">waiting</td>';
  $('#downloads tbody').append(row);
  return {
    progress: row.querySelector('progress'),
    bytes: row.querySelector('.bytes'),
    state: row.querySelector('.state'),
  };
}

async function run({ AsyncClient }, config) {
  const client = new AsyncClient({ base_url: config.api, timeout: 10000 });
  const parallel = client.parallel();
  $('#downloads tbody').replaceChildren();
  $('#order').replaceChildren();
  setState('running', 'downloading…');

  const jobs = DOWNLOADS.map(([name, path, expected, options]) => {
    const row = addRow(name, expected);
    const pending = parallel.get(path, { stream: true, ...options });
    return (async () => {
      try {
        const response = await pending.getResponse();
        row.state.textContent = `${response.status} streaming`;
        let received = 0;
        for await (const chunk of response.stream()) {
          received += chunk.length;
          row.progress.value = received;
          row.bytes.textContent = String(received);
        }
        row.state.textContent = 'done';
        row.state.classList.add('done');
      } catch (error) {
        // httpxx errors carry the C++ class name: ReadTimeout, ConnectError, …
        row.state.textContent = describe(error);
        row.state.classList.add('error');
      }
      const item = document.createElement('li');
      item.textContent = name;
      $('#order').append(item);
    })();
  });
  await Promise.all(jobs);
  await parallel.close().catch(() => {});  // every error was shown in its row
  await client.close();
  setState('done', 'done');
}

async function load() {
  // Both the module (which instantiates the wasm) and the demo server's
  // address are needed before the first click can do anything.
  const [httpxx, config] = await Promise.all([
    import('./httpxx/httpxx.mjs'),
    fetch('./config.json').then((r) => {
      if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
      return r.json();
    }),
  ]);
  return { httpxx, config };
}

load().then(({ httpxx, config }) => {
  const start = $('#start');
  start.addEventListener('click', () => {
    start.disabled = true;
    run(httpxx, config).catch((error) => {
      setState('failed', `failed: ${describe(error)}`);
    }).finally(() => {
      start.disabled = false;
    });
  });
  start.disabled = false;
  setState('ready', 'ready');
}, (error) => {
  setState('failed', `failed to load httpxx: ${describe(error)}`);
});
