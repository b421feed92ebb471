#!/usr/bin/env python3
# TAP test of the Flatpak manifest against what the meson build installs.
# flatpak-builder-lint is not packaged in Debian, so the rules that matter here
# are checked directly. The expected values come from meson on the command line,
# never from the manifest itself.
#
# usage: test-manifest.py MANIFEST --app-id ID --command BINARY

import argparse
import json
import os
import shutil
import subprocess
import sys

REQUIRED_FINISH_ARGS = [
    '--share=ipc',
    '--share=network',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
]


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, what, detail=None):
        self.n += 1
        if ok:
            print(f'ok {self.n} - {what}')
        else:
            self.failed += 1
            print(f'not ok {self.n} - {what}')
            if detail:
                for line in str(detail).splitlines():
                    print(f'# {line}')

    def skip(self, what, reason):
        self.n += 1
        print(f'ok {self.n} - {what} # SKIP {reason}')

    def done(self):
        print(f'1..{self.n}')
        return 1 if self.failed else 0


def filesystem_problem(arg):
    """Returns why a --filesystem finish-arg is refused, or None."""
    value = arg.split('=', 1)[1]
    place = value.split(':', 1)[0]
    # A socket directory is not file access; everything else the user opens or
    # saves goes through the file chooser portal.
    if place.startswith('xdg-run/'):
        return None
    if place in ('home', 'host', 'host-os', 'host-etc') or place.startswith('~'):
        return f'{arg} grants the whole {place}; files go through the portal'
    return f'{arg}: files go through the portal, no static file access'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('manifest')
    parser.add_argument('--app-id', required=True)
    parser.add_argument('--command', required=True)
    args = parser.parse_args()

    tap = Tap()
    try:
        with open(args.manifest, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        tap.check(False, f'{args.manifest} is JSON', e)
        return tap.done()
    tap.check(isinstance(manifest, dict), 'the manifest is a JSON object')
    if not isinstance(manifest, dict):
        return tap.done()

    app_id = manifest.get('id', manifest.get('app-id'))
    tap.check(app_id == args.app_id, f'id is {args.app_id}', f'found {app_id!r}')
    tap.check(manifest.get('command') == args.command,
              f'command is the installed binary {args.command}',
              f'found {manifest.get("command")!r}')
    tap.check(manifest.get('runtime') == 'org.gnome.Platform', 'runtime is org.gnome.Platform',
              f'found {manifest.get("runtime")!r}')
    tap.check(manifest.get('sdk') == 'org.gnome.Sdk', 'sdk is org.gnome.Sdk',
              f'found {manifest.get("sdk")!r}')
    tap.check(isinstance(manifest.get('runtime-version'), str)
              and manifest.get('runtime-version') != '',
              'runtime-version is a string', f'found {manifest.get("runtime-version")!r}')

    finish_args = manifest.get('finish-args', [])
    tap.check(isinstance(finish_args, list) and all(isinstance(a, str) for a in finish_args),
              'finish-args is a list of strings')
    if not isinstance(finish_args, list):
        finish_args = []
    for required in REQUIRED_FINISH_ARGS:
        tap.check(required in finish_args, f'finish-args contain {required}')
    problems = [p for p in (filesystem_problem(a) for a in finish_args
                            if isinstance(a, str) and a.startswith('--filesystem='))
                if p is not None]
    tap.check(not problems, 'finish-args give no file system access', '\n'.join(problems))
    tap.check(len(set(map(str, finish_args))) == len(finish_args), 'finish-args have no duplicates')

    modules = manifest.get('modules', [])
    tap.check(isinstance(modules, list) and len(modules) > 0, 'the manifest has modules')
    if not isinstance(modules, list) or not modules:
        return tap.done()

    app_module = modules[-1]
    if not isinstance(app_module, dict):
        tap.check(False, 'the last module is inline', 'found a reference to a module file')
        return tap.done()
    tap.check(app_module.get('buildsystem') == 'meson', 'the last module builds with meson',
              f'found {app_module.get("buildsystem")!r}')
    sources = app_module.get('sources', [])
    dir_sources = [s for s in sources if isinstance(s, dict) and s.get('type') == 'dir']
    tap.check(len(dir_sources) == 1 and dir_sources[0].get('path') == '.',
              'the last module has one "dir" source with path "."', f'found {sources!r}')
    config_opts = app_module.get('config-opts', [])
    tap.check('-Dtests=false' in config_opts, 'the app module is built without the tests',
              f'config-opts are {config_opts!r}')

    # Every other source must be pinned, or the build is not reproducible.
    for module in modules[:-1]:
        if not isinstance(module, dict):
            continue
        for source in module.get('sources', []):
            if not isinstance(source, dict):
                continue
            kind = source.get('type')
            if kind == 'git':
                pinned = 'tag' in source or 'commit' in source
            elif kind in ('archive', 'file'):
                pinned = 'sha256' in source or 'sha512' in source or 'path' in source
            else:
                continue
            tap.check(pinned, f'module {module.get("name")}: its {kind} source is pinned',
                      f'found {source!r}')

    # flatpak-builder knows every key; unknown ones only warn, hence fatal-warnings.
    what = 'flatpak-builder parses the manifest without a warning'
    if shutil.which('flatpak-builder') is None:
        tap.skip(what, 'flatpak-builder is not installed')
    else:
        env = dict(os.environ, G_DEBUG='fatal-warnings')
        result = subprocess.run(['flatpak-builder', '--show-manifest', args.manifest], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        tap.check(result.returncode == 0, what, result.stderr)

    return tap.done()


if __name__ == '__main__':
    sys.exit(main())
