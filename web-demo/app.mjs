// The web demo: parallel streaming downloads through httpxx's JS module.
import { AsyncClient } from './httpxx/httpxx.mjs';

// The downloads: [name, path on the demo server, expected bytes]. The last one
// is meant to fail (a 300 ms timeout on a 5 s delay) to show how errors read.
const DOWNLOADS = [
  ['slow', '/drip?numbytes=3000&duration=2&chunks=20', 3000],
  ['medium', '/drip?numbytes=2000&duration=1&chunks=10', 2000],
  ['fast', '/drip?numbytes=1000&duration=0.4&chunks=5', 1000],
  ['large', '/stream-bytes/2000000?chunk_size=65536', 2000000],
  ['too slow', '/delay/5000', 0, { timeout: 300 }],
];

const $ = (selector) => document.querySelector(selector);

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

async function run() {
  const config = await (await fetch('./config.json')).json();
  const client = new AsyncClient({ base_url: config.api, timeout: 10000 });
  const parallel = client.parallel();
  $('#downloads tbody').replaceChildren();
  $('#order').replaceChildren();
  $('#status').textContent = 'downloading…';

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
        row.state.textContent = `${error.name}: ${error.message}`;
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
  $('#status').textContent = 'done';
}

$('#start').addEventListener('click', () => {
  $('#start').disabled = true;
  run().catch((error) => {
    $('#status').textContent = `failed: ${error.name}: ${error.message}`;
  }).finally(() => {
    $('#start').disabled = false;
  });
});
