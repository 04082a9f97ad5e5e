// A description of the machine and the versions of everything measured, for the report.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** First line a command prints (stdout, else stderr: nginx -v and wrk -v use it), or 'unknown'. */
function firstLine(cmd, args, { env } = {}) {
  const out = spawnSync(cmd, args, { encoding: 'utf8', env, timeout: 20000 });
  const text = `${out.stdout ?? ''}${out.stderr ?? ''}`;
  return text.split('\n').find((l) => l.trim()) ?? 'unknown';
}

function readOr(file, fallback = '') {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** A variable of a build directory's CMakeCache.txt, or 'unknown'. */
function cacheVariable(buildDir, name) {
  const line = new RegExp(`^${name}:\\w+=(.*)$`, 'm');
  return readOr(path.join(buildDir, 'CMakeCache.txt')).match(line)?.[1] || 'unknown';
}

/** The commit the build's sources are at ("-dirty" with local changes). */
function sourceCommit(buildDir) {
  const source = cacheVariable(buildDir, 'CMAKE_HOME_DIRECTORY');
  const out = spawnSync('git', ['-C', source, 'describe', '--always', '--dirty'], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout.trim() : 'not a git checkout';
}

/** { cpu, cores, memory, kernel, os, versions: {name: text}, build: the httpxx build measured } */
export function describeMachine(buildDir) {
  const cpuinfo = readOr('/proc/cpuinfo');
  const cpu = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const memKib = Number(readOr('/proc/meminfo').match(/^MemTotal:\s*(\d+)/m)?.[1] ?? 0);
  const osName = readOr('/etc/os-release').match(/^PRETTY_NAME="?([^"\n]*)/m)?.[1] ?? os.type();
  const httplib = readOr('/usr/include/httplib.h').match(/CPPHTTPLIB_VERSION "([^"]+)"/)?.[1] ?? 'unknown';
  return {
    cpu,
    cores: Number(firstLine('nproc', [])) || os.availableParallelism(),
    memory: `${(memKib / 1024 / 1024).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    os: osName,
    versions: {
      nginx: firstLine('nginx', ['-v']).replace(/^nginx version:\s*/, ''),
      libcurl: firstLine('curl-config', ['--version']),
      'cpp-httplib': httplib,
      wrk: firstLine('wrk', ['-v']).replace(/\s*Copyright.*$/, ''),
      openssl: firstLine('openssl', ['version']),
      node: process.version,
      'g++': firstLine('g++', ['--version']),
      emscripten: firstLine('emcc', ['--version'], { env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } }),
    },
    build: `${path.basename(buildDir)} (CMAKE_BUILD_TYPE ${cacheVariable(buildDir, 'CMAKE_BUILD_TYPE')}), sources at ${sourceCommit(buildDir)}`,
  };
}
