"""Drives one system of a PiChassis Redfish service with sushy, the library Ironic and Metal3 use.

Usage: /usr/bin/python3 sushy_client.py BASE_URL USER PASSWORD SYSTEM_ID RESET_TYPE...
Signs in with a session (falling back to Basic, as Ironic does), reads the power state, resets the
system with each RESET_TYPE in turn (waiting for the power state each one leads to: Off, or PoweringOn once the relay is closed), lights the
identify LED, sets a PXE boot override and reads the EventService. Prints one line per step; exits non-zero on any failure.
"""
import sys
import time

import sushy
from sushy import auth

# What each reset leads to. A power-on is done for the relay once the node boots (PoweringOn); waiting
# for the boot itself to finish (On) would only make the test slower.
POWERED = ('PoweringOn', 'On')
SETTLED = {
    'On': POWERED, 'ForceOn': POWERED, 'ForceRestart': POWERED, 'PowerCycle': POWERED, 'GracefulRestart': POWERED,
    'ForceOff': ('Off',), 'GracefulShutdown': ('Off',),
}


def wait_for(system, states, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        system.refresh()
        if system.power_state.value in states:
            return
        time.sleep(0.1)
    raise RuntimeError(f'still {system.power_state.value} after {timeout} s, waiting for {" or ".join(states)}')


def main(base_url, user, password, system_id, *reset_types):
    session_or_basic = auth.SessionOrBasicAuth(username=user, password=password)
    root = sushy.Sushy(base_url, auth=session_or_basic)
    print(f'session {session_or_basic.can_refresh_session()}')
    system = root.get_system(f'/redfish/v1/Systems/{system_id}')
    print(f'power_state {system.power_state.value}')
    allowed = sorted(v.value for v in system.get_allowed_reset_system_values())
    print(f'allowed {" ".join(allowed)}')
    for reset_type in reset_types:
        system.reset_system(sushy.ResetType(reset_type))
        wait_for(system, SETTLED[reset_type])
        print(f'reset {reset_type} {system.power_state.value}')
    system.set_indicator_led(sushy.IndicatorLED.LIT)
    system.refresh()
    print(f'indicator {system.indicator_led.value}')
    system.set_system_boot_options(target=sushy.BootSource.PXE, enabled=sushy.BootSourceOverrideEnabled.ONCE)
    system.refresh()
    print(f'boot {system.boot.target.value} {system.boot.enabled.value}')
    print(f'events {root.get_event_service().service_enabled}')


if __name__ == '__main__':
    main(*sys.argv[1:])
