"""Plays the cluster-autoscaler's calls against a PiChassis CloudProvider service, with Debian's gRPC stack.

Usage: /usr/bin/python3 autoscaler_client.py PROTO ADDRESS [--tls CA CERT KEY] STEP...
The client stubs are generated at run time from PROTO (the project's externalgrpc.proto) with Debian's
protoc and grpc_python_plugin, so this client shares no code with the server. ADDRESS is host:port;
with --tls the channel is mutual TLS (CA checks the server; CERT and KEY are the client's, "-" for none).
Each STEP is one call and prints one line; a refused call prints "error CODE detail" and the run goes on.
Steps (arguments separated by ':'):
  groups                              NodeGroups: "group ID MIN MAX" per group
  for:PROVIDER_ID:NAME                NodeGroupForNode: "for NAME -> ID"
  target:GROUP                        NodeGroupTargetSize: "target GROUP N"
  increase:GROUP:DELTA                NodeGroupIncreaseSize: "increase GROUP ok"
  decrease:GROUP:DELTA                NodeGroupDecreaseTargetSize: "decrease GROUP ok"
  delete:GROUP:NAME[,NAME...]         NodeGroupDeleteNodes by node name: "delete GROUP ok"
  nodes:GROUP                         NodeGroupNodes: "node ID STATE [ERROR_CODE CLASS]" per instance, then "nodes GROUP N"
  wait:GROUP:STATE:COUNT:SECONDS      polls NodeGroupNodes until COUNT instances are in STATE, as the autoscaler's loop would
  template:GROUP                      NodeGroupTemplateNodeInfo: "template GROUP NODE-NAME" (v1.Node metadata.name)
  gpu                                 GPULabel and GetAvailableGPUTypes: "gpu 'LABEL' N"
  pricing                             PricingNodePrice: its status
  refresh                             Refresh and Cleanup: "refresh ok"
"""
import importlib
import os
import subprocess
import sys
import tempfile
import time

import grpc

PROTOC = '/usr/bin/protoc'
PLUGIN = '/usr/bin/grpc_python_plugin'
# Debian's libprotobuf-dev ships the well-known types (timestamp, duration, any) the definition imports.
INCLUDE = '/usr/include'


def load_stubs(proto):
    out = tempfile.mkdtemp(prefix='pichassis-grpc-')
    folder, name = os.path.split(os.path.abspath(proto))
    subprocess.run([PROTOC, f'-I{folder}', f'-I{INCLUDE}', f'--python_out={out}', f'--grpc_python_out={out}',
                    f'--plugin=protoc-gen-grpc_python={PLUGIN}', name], check=True)
    sys.path.insert(0, out)
    base = os.path.splitext(name)[0]
    return importlib.import_module(f'{base}_pb2'), importlib.import_module(f'{base}_pb2_grpc')


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def channel(address, tls):
    if tls is None:
        return grpc.insecure_channel(address)
    ca, cert, key = tls
    credentials = grpc.ssl_channel_credentials(
        root_certificates=read(ca),
        private_key=None if key == '-' else read(key),
        certificate_chain=None if cert == '-' else read(cert))
    return grpc.secure_channel(address, credentials)


STATES = {0: 'unspecified', 1: 'running', 2: 'creating', 3: 'deleting'}


def instances(pb, stub, group):
    return stub.NodeGroupNodes(pb.NodeGroupNodesRequest(id=group), timeout=10).instances


def field(message, number):
    """The first length-delimited field `number` of a protobuf `message`, read from the wire format alone."""
    position = 0

    def varint():
        nonlocal position
        value, shift = 0, 0
        while True:
            byte = message[position]
            position += 1
            value |= (byte & 0x7F) << shift
            shift += 7
            if byte < 0x80:
                return value

    while position < len(message):
        key = varint()
        wire = key & 7
        if wire == 0:
            varint()
        elif wire == 2:
            length = varint()
            if key >> 3 == number:
                return message[position:position + length]
            position += length
        elif wire in (1, 5):
            position += 8 if wire == 1 else 4
        else:
            raise ValueError(f'wire type {wire}')
    return b''


def describe(instance):
    line = f'node {instance.id} {STATES[instance.status.instanceState]}'
    info = instance.status.errorInfo
    if info.errorCode:
        line += f' {info.errorCode} {info.instanceErrorClass}'
    return line


def step(pb, stub, text):
    name, *args = text.split(':')
    if name == 'groups':
        for group in stub.NodeGroups(pb.NodeGroupsRequest(), timeout=10).nodeGroups:
            print(f'group {group.id} {group.minSize} {group.maxSize}')
    elif name == 'for':
        provider_id = ':'.join(args[:-1])
        node = pb.ExternalGrpcNode(providerID=provider_id, name=args[-1])
        group = stub.NodeGroupForNode(pb.NodeGroupForNodeRequest(node=node), timeout=10).nodeGroup
        print(f'for {args[-1]} -> {group.id or "-"}')
    elif name == 'target':
        size = stub.NodeGroupTargetSize(pb.NodeGroupTargetSizeRequest(id=args[0]), timeout=10).targetSize
        print(f'target {args[0]} {size}')
    elif name == 'increase':
        stub.NodeGroupIncreaseSize(pb.NodeGroupIncreaseSizeRequest(id=args[0], delta=int(args[1])), timeout=10)
        print(f'increase {args[0]} ok')
    elif name == 'decrease':
        stub.NodeGroupDecreaseTargetSize(pb.NodeGroupDecreaseTargetSizeRequest(id=args[0], delta=int(args[1])), timeout=10)
        print(f'decrease {args[0]} ok')
    elif name == 'delete':
        nodes = [pb.ExternalGrpcNode(name=n) for n in args[1].split(',')]
        stub.NodeGroupDeleteNodes(pb.NodeGroupDeleteNodesRequest(id=args[0], nodes=nodes), timeout=10)
        print(f'delete {args[0]} ok')
    elif name == 'nodes':
        found = instances(pb, stub, args[0])
        for instance in found:
            print(describe(instance))
        print(f'nodes {args[0]} {len(found)}')
    elif name == 'wait':
        group, state, count, seconds = args[0], args[1], int(args[2]), float(args[3])
        deadline = time.monotonic() + seconds
        while True:
            found = instances(pb, stub, group)
            matching = [i for i in found if STATES[i.status.instanceState] == state]
            if len(matching) >= count or time.monotonic() > deadline:
                print(f'wait {group} {state} {len(matching)}')
                return
            time.sleep(0.2)
    elif name == 'template':
        node = stub.NodeGroupTemplateNodeInfo(pb.NodeGroupTemplateNodeInfoRequest(id=args[0]), timeout=10).nodeBytes
        # v1.Node: metadata is field 1, ObjectMeta's name field 1 (k8s.io/api core/v1 and apimachinery meta/v1).
        print(f"template {args[0]} {field(field(node, 1), 1).decode()}")
    elif name == 'gpu':
        label = stub.GPULabel(pb.GPULabelRequest(), timeout=10).label
        types = stub.GetAvailableGPUTypes(pb.GetAvailableGPUTypesRequest(), timeout=10).gpuTypes
        print(f"gpu '{label}' {len(types)}")
    elif name == 'pricing':
        stub.PricingNodePrice(pb.PricingNodePriceRequest(node=pb.ExternalGrpcNode(name='x')), timeout=10)
        print('pricing ok')
    elif name == 'refresh':
        stub.Refresh(pb.RefreshRequest(), timeout=10)
        stub.Cleanup(pb.CleanupRequest(), timeout=10)
        print('refresh ok')
    else:
        raise SystemExit(f'unknown step {text}')


def main(argv):
    proto, address, *rest = argv
    tls = None
    if rest and rest[0] == '--tls':
        tls, rest = rest[1:4], rest[4:]
    pb, pb_grpc = load_stubs(proto)
    with channel(address, tls) as ch:
        stub = pb_grpc.CloudProviderStub(ch)
        for text in rest:
            try:
                step(pb, stub, text)
            except grpc.RpcError as e:
                print(f'error {e.code().name} {e.details()}')
            sys.stdout.flush()


if __name__ == '__main__':
    main(sys.argv[1:])
