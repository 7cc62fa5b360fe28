// The Node-RED dashboard end to end: Mosquitto, the simulated controller and a real Node-RED 4
// with FlowFuse Dashboard 2 running controller/deploy/node-red/pichassis-flow.json, driven by
// Debian's Chromium through playwright-core. Run by tests/run.sh (`node --test`).
'use strict'
const { test, before, after } = require('node:test')
const assert = require('node:assert/strict')
const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const mqtt = require('mqtt')
const WebSocket = require('ws')
const { chromium } = require('playwright-core')
const { Processes, freePort, waitFor, listening, startMosquitto } = require('./processes.js')

const repo = path.resolve(__dirname, '..', '..')
const flowFile = path.join(repo, 'controller', 'deploy', 'node-red', 'pichassis-flow.json')
const controllerDll = path.join(repo, 'controller', 'PiChassis.Controller', 'bin', 'Release', 'net10.0', 'pichassis-controller.dll')
const chromiumPath = process.env.PICHASSIS_CHROMIUM || '/usr/lib/chromium/chromium'
const screenshot = process.env.PICHASSIS_SCREENSHOT || path.join(__dirname, 'out', 'dashboard.png')
const cid = 'sim'
const user = 'dashboard'
const password = 'node-red-test'
const slotCount = 8
const testSlot = 3

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pichassis-node-red-'))
const dataDir = path.join(dir, 'controller')
const userDir = path.join(dir, 'node-red')
const processes = new Processes(dir)
const received = [] // every MQTT message seen: { topic, text, at }
let client, browser, page, nodeRedUrl

function json (m) { try { return JSON.parse(m.text) } catch { return null } }
function lastState (slot) {
    const m = received.findLast(r => r.topic === `pichassis/${cid}/slot/${slot}/state`)
    return m ? json(m) : null
}
function relayLog () {
    const file = path.join(dataDir, 'relay-writes.log')
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : []
}
/** Adds the processes' logs to an assertion failure so a red run says why. */
async function withLogs (body) {
    try {
        return await body()
    } catch (err) {
        err.message += '\n' + processes.logs()
        throw err
    }
}

before(async () => {
    for (const [file, hint] of [[controllerDll, 'build the controller: dotnet build PiChassis.sln -c Release'],
        [chromiumPath, 'apt-get install -y --no-install-recommends chromium']]) {
        assert.ok(fs.existsSync(file), `${file} is missing: ${hint}`)
    }
    fs.mkdirSync(dataDir, { recursive: true })
    fs.mkdirSync(userDir, { recursive: true })

    const broker = await startMosquitto(processes, user, password)

    processes.start('controller', 'dotnet', [controllerDll, '--simulate', '--slots', String(slotCount),
        '--mqtt-host', '127.0.0.1', '--mqtt-port', String(broker.port), '--data-dir', dataDir,
        '--Mqtt:Username=' + user, '--Mqtt:Password=' + password, '--ConsoleView:Enabled=false',
        '--Telemetry:PublishInterval=00:00:01', '--Redfish:Port=0'],
    { env: { ...process.env, DOTNET_NOLOGO: '1' } })

    client = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`, { username: user, password, reconnectPeriod: 500 })
    client.on('message', (topic, payload) => received.push({ topic, text: payload.toString(), at: Date.now() }))
    await waitFor(() => client.connected, 10000, 'the test MQTT client to connect')
    await client.subscribeAsync(`pichassis/${cid}/#`, { qos: 1 })
    await withLogs(() => waitFor(() => received.some(r => r.topic === `pichassis/${cid}/status` && r.text === 'online'),
        60000, 'the controller to publish status online'))

    // Node-RED: a fresh user directory, the editor and dashboard on a loopback port.
    const port = await freePort()
    nodeRedUrl = `http://127.0.0.1:${port}`
    fs.writeFileSync(path.join(userDir, 'settings.js'), `module.exports = ${JSON.stringify({
        uiHost: '127.0.0.1',
        uiPort: port,
        flowFile: 'flows.json',
        credentialSecret: false,
        telemetry: { enabled: false },
        diagnostics: { enabled: false, ui: false },
        logging: { console: { level: 'info', metrics: false, audit: false } },
        editorTheme: { tours: false }
    }, null, 2)}\n`)
    fs.writeFileSync(path.join(userDir, 'flows.json'), '[]\n')
    processes.start('node-red', process.execPath, [require.resolve('node-red/red.js'), '--userDir', userDir,
        '--port', String(port), '-D', 'uiHost=127.0.0.1'], {
        cwd: userDir,
        env: {
            ...process.env,
            // Node-RED finds @flowfuse/node-red-dashboard in the test's node_modules.
            NODE_PATH: path.join(__dirname, 'node_modules'),
            PICHASSIS_MQTT_HOST: '127.0.0.1',
            PICHASSIS_MQTT_PORT: String(broker.port),
            PICHASSIS_MQTT_USER: user,
            PICHASSIS_MQTT_PASSWORD: password,
            PICHASSIS_CHASSIS: cid
        }
    })
    await withLogs(() => waitFor(() => listening(port), 60000, 'Node-RED to listen'))
    await withLogs(() => waitFor(async () => (await fetch(nodeRedUrl + '/settings')).ok, 30000, 'the admin API'))
})

after(async () => {
    try { if (browser) await browser.close() } catch { /* killed below anyway */ }
    try { if (client) await client.endAsync(true) } catch { /* gone */ }
    await processes.stopAll()
    if (!process.env.PICHASSIS_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true })
})

test('the flow deploys through the admin API and its MQTT nodes connect', async () => {
    const flow = JSON.parse(fs.readFileSync(flowFile, 'utf8'))
    // What the editor's Import + Deploy does: POST the nodes (with the env-var credentials).
    const deploy = await fetch(nodeRedUrl + '/flows', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
        body: JSON.stringify(flow)
    })
    assert.equal(deploy.status, 204, await deploy.text())

    const running = await (await fetch(nodeRedUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2' } })).json()
    const ids = new Set(running.flows.map(n => n.id))
    for (const n of flow) assert.ok(ids.has(n.id), `node ${n.id} (${n.type}) is deployed`)
    const types = await (await fetch(nodeRedUrl + '/nodes', { headers: { Accept: 'application/json' } })).json()
    assert.ok(types.some(s => s.module === '@flowfuse/node-red-dashboard' && s.enabled), 'Dashboard 2 is installed')

    // The editor's websocket: node status messages; both MQTT nodes must report "connected".
    const mqttNodes = flow.filter(n => n.type === 'mqtt in' || n.type === 'mqtt out').map(n => n.id)
    assert.equal(mqttNodes.length, 2)
    const status = {}
    const ws = new WebSocket(nodeRedUrl.replace('http', 'ws') + '/comms')
    ws.on('message', data => {
        const messages = [].concat(JSON.parse(data.toString()))
        for (const m of messages) {
            if (typeof m.topic === 'string' && m.topic.startsWith('status/')) status[m.topic.slice(7)] = m.data
        }
    })
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject) })
    ws.send(JSON.stringify({ subscribe: 'status/#' }))
    try {
        await withLogs(() => waitFor(() => mqttNodes.every(id => /connected$/.test(status[id]?.text ?? '') &&
            !/disconnected$/.test(status[id].text)), 30000, () => 'MQTT nodes connected: ' + JSON.stringify(status)))
    } finally {
        ws.close()
    }
})

test('the dashboard shows every slot with live values and a click powers a slot on', async () => {
    // Power the test slot off first so that the click has something to switch on.
    await client.publishAsync(`pichassis/${cid}/slot/${testSlot}/set`, 'FORCE_OFF', { qos: 1 })
    await withLogs(() => waitFor(() => lastState(testSlot)?.phase === 'off', 30000, `slot ${testSlot} off`))

    // A persistent context is how playwright takes a fresh --user-data-dir of our own.
    browser = await chromium.launchPersistentContext(path.join(dir, 'chromium'), {
        executablePath: chromiumPath,
        headless: true,
        viewport: { width: 1400, height: 900 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync']
    })
    page = browser.pages()[0] ?? await browser.newPage()
    await page.goto(nodeRedUrl + '/dashboard/chassis')

    const tiles = page.locator('#nrdb-ui-widget-pichassis-slots [data-slot]')
    await withLogs(() => waitFor(async () => await tiles.count() === slotCount, 30000, `${slotCount} slot tiles`))
    for (let slot = 1; slot <= slotCount; slot++) {
        const tile = page.locator(`[data-slot="${slot}"]`)
        await withLogs(() => waitFor(async () => /^\d+\.\d\d W$/.test(await tile.locator('[data-field=power_w]').innerText()),
            15000, `a wattage on slot ${slot}`))
        assert.match(await tile.locator('[data-field=node]').innerText(), /^node0\d$/)
    }

    // A wattage read from the page is one the controller published for that slot.
    const shownW = Number((await page.locator('[data-slot="1"] [data-field=power_w]').innerText()).replace(' W', ''))
    const publishedW = received.filter(r => r.topic === `pichassis/${cid}/slot/1/telemetry`).map(r => json(r)?.power_w)
    assert.ok(shownW > 0, `slot 1 draws power: ${shownW} W`)
    assert.ok(publishedW.some(w => typeof w === 'number' && w.toFixed(2) === shownW.toFixed(2)),
        `${shownW} W on the page is among the published ${publishedW.join(', ')}`)

    // The click: the slot's On control.
    const tile = page.locator(`[data-slot="${testSlot}"]`)
    await waitFor(async () => (await tile.locator('[data-field=phase]').innerText()).trim().toLowerCase() === 'off',
        15000, `slot ${testSlot} shown off`)
    const relayLinesBefore = relayLog().length
    const messagesBefore = received.length
    await tile.locator('button[data-cmd="ON"]').click()

    // Seen on MQTT: the command as published by the flow, then the phase leaving off.
    await withLogs(() => waitFor(() => received.slice(messagesBefore).some(r => r.topic === `pichassis/${cid}/slot/${testSlot}/set` && r.text === 'ON'),
        10000, 'the ON command on MQTT'))
    const phases = () => received.slice(messagesBefore).filter(r => r.topic === `pichassis/${cid}/slot/${testSlot}/state`).map(r => json(r)?.phase)
    await withLogs(() => waitFor(() => phases().some(p => p === 'booting' || p === 'on'), 15000, () => 'phase booting/on, saw ' + phases().join(',')))
    assert.equal(lastState(testSlot).power, 'on')

    // Seen in the simulated hardware: the relay output of that slot changed.
    await waitFor(() => relayLog().slice(relayLinesBefore).some(l => l.includes(` slot ${testSlot} `)), 10000,
        () => 'a relay write for slot ' + testSlot + ' in ' + relayLog().slice(relayLinesBefore).join(' | '))

    // The page follows, then the screenshot with every slot live.
    await withLogs(() => waitFor(async () => /booting|on/.test((await tile.locator('[data-field=phase]').innerText()).toLowerCase()),
        15000, `slot ${testSlot} shown powered`))
    await waitFor(() => received.filter(r => r.topic === `pichassis/${cid}/telemetry`).length >= 3, 15000, 'telemetry for the chart')
    await page.waitForTimeout(1500)
    fs.mkdirSync(path.dirname(screenshot), { recursive: true })
    await page.screenshot({ path: screenshot, fullPage: true })
    assert.ok(fs.statSync(screenshot).size > 10000, 'a screenshot was saved')
})

test('a capacity typed on the dashboard is asked on its own request level and its answer shown', async () => {
    const requests = `pichassis/requests/${user}/${cid}/capacity`
    const answers = `pichassis/clients/${user}/response/${cid}/capacity`
    await client.subscribeAsync([requests, answers], { qos: 1 })
    const messagesBefore = received.length

    const input = page.locator('#nrdb-ui-widget-pichassis-capacity input')
    await input.fill('3')
    await input.press('Enter')

    const request = await withLogs(() => waitFor(() => received.slice(messagesBefore).find(r => r.topic === requests), 10000,
        'the capacity request on ' + requests))
    assert.equal(json(request).nodes, 3)
    const answer = await withLogs(() => waitFor(() => received.slice(messagesBefore).find(r => r.topic === answers && json(r)?.id === json(request).id),
        15000, 'the answer on ' + answers))
    assert.equal(json(answer).status, 'ok')
    assert.ok(!received.slice(messagesBefore).some(r => r.topic === `pichassis/${cid}/response/capacity`), 'no answer on the chassis-wide response topic')
    await waitFor(async () => (await page.locator('#nrdb-ui-widget-pichassis-capacity-result').innerText()).includes('ok'), 10000,
        'the answer shown on the page')
})
