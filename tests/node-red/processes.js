// Starts the real processes the dashboard test needs (Mosquitto, the simulated controller,
// Node-RED) on free loopback ports, logs each to a file, and kills them all at the end.
'use strict'
const { spawn, execFileSync } = require('node:child_process')
const fs = require('node:fs')
const net = require('node:net')
const path = require('node:path')

function freePort () {
    return new Promise((resolve, reject) => {
        const server = net.createServer()
        server.once('error', reject)
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address()
            server.close(() => resolve(port))
        })
    })
}

/** Polls check() until it returns a truthy value; fails with what() after timeoutMs. */
async function waitFor (check, timeoutMs, what) {
    const deadline = Date.now() + timeoutMs
    let lastError
    while (Date.now() < deadline) {
        try {
            const value = await check()
            if (value) return value
        } catch (err) {
            lastError = err
        }
        await new Promise(resolve => setTimeout(resolve, 200))
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}` +
        (lastError ? ` (last error: ${lastError.message})` : ''))
}

function listening (port) {
    return new Promise(resolve => {
        const socket = net.connect(port, '127.0.0.1')
        socket.once('connect', () => { socket.destroy(); resolve(true) })
        socket.once('error', () => resolve(false))
    })
}

class Processes {
    constructor (dir) {
        this.dir = dir
        this.children = []
    }

    /** Spawns a program in its own process group, its output going to <name>.log. */
    start (name, command, args, options = {}) {
        const logFile = path.join(this.dir, name + '.log')
        const out = fs.openSync(logFile, 'a')
        const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] })
        fs.closeSync(out)
        const entry = { name, child, logFile, exited: null }
        child.once('exit', (code, signal) => { entry.exited = signal || code })
        child.once('error', err => { entry.exited = err.message })
        this.children.push(entry)
        return entry
    }

    /** The end of every log, for a failure message. */
    logs (lines = 25) {
        return this.children.map(({ name, logFile, exited }) => {
            const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : ''
            return `--- ${name} (${exited === null ? 'running' : 'exited: ' + exited}) ---\n${text}`
        }).join('\n')
    }

    /** SIGTERM to every process group, then SIGKILL to those still there after a grace period. */
    async stopAll (graceMs = 5000) {
        const running = this.children.filter(c => c.exited === null && c.child.pid)
        for (const { child } of running) signal(child.pid, 'SIGTERM')
        const deadline = Date.now() + graceMs
        while (Date.now() < deadline && running.some(c => c.exited === null)) {
            await new Promise(resolve => setTimeout(resolve, 100))
        }
        for (const { child, exited } of running) if (exited === null) signal(child.pid, 'SIGKILL')
    }
}

function signal (pid, sig) {
    try { process.kill(-pid, sig) } catch { /* already gone */ }
}

/** A throwaway Mosquitto that asks every client for a password (to exercise the flow's credentials). */
async function startMosquitto (processes, user, password) {
    const port = await freePort()
    const passwords = path.join(processes.dir, 'mosquitto.passwd')
    execFileSync('mosquitto_passwd', ['-c', '-b', passwords, user, password])
    fs.chmodSync(passwords, 0o600)
    const config = path.join(processes.dir, 'mosquitto.conf')
    fs.writeFileSync(config, [
        'user root',
        `listener ${port} 127.0.0.1`,
        'allow_anonymous false',
        `password_file ${passwords}`,
        'persistence false',
        'log_dest stdout',
        ''
    ].join('\n'))
    const program = fs.existsSync('/usr/sbin/mosquitto') ? '/usr/sbin/mosquitto' : 'mosquitto'
    const entry = processes.start('mosquitto', program, ['-c', config])
    await waitFor(() => listening(port), 10000, `mosquitto on port ${port}`)
    return { port, entry }
}

module.exports = { Processes, freePort, waitFor, listening, startMosquitto }
