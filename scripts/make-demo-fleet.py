#!/usr/bin/env python3
"""SAMPLE DATA GENERATOR for the bundled, read-only demo control plane (resources/demo/).

Everything this script writes is made up: a fleet of ~36 agents over five sites, their system
applications, sample applications with microservices, NATS accounts and users, roles, secrets,
config maps, volume mounts, services, registries, catalog items, edge resources, templates, the
router and ~150 audit events. None of it comes from a real installation, and no value in it is a
real key, password or token: secret values say "sample", NATS keys and JWTs are signed with keys
derived from a fixed seed in this script (scripts/ed25519_sample.py), and seeds in secrets are
seed-shaped strings that decode to nothing.

Shapes: every object is a deep copy of a real Controller 3.7.3 answer (the fixtures, see
--fixtures) with its values replaced, so field names, nesting, types and the nulls the Controller
sends are those of the real answers; check_shape() verifies each generated object against its
template before anything is written.

Files: <listId>.json is the list answer the console reads for list <listId> (agents.json is the
GET /iofog-list answer, secrets.json GET /secrets, volumeMounts.json and services.json bare
arrays, events.json GET /events). <listId>-details.json maps a row key to the single-GET answer
(secrets-details.json: name -> GET /secrets/{name}; configMaps-details.json: name -> GET
/configmaps/{name}; registries-details.json: id as a string -> GET /registries/{id};
applicationTemplates-details.json: name -> GET /applicationTemplate/{name});
volumeMounts-links.json maps name -> GET /volumeMounts/{name}/link. status.json is a GET /status
answer: its "timestamp" is the reference time of the sample.

Times: the data is generated around a fixed reference time (REFERENCE, also status.json's
"timestamp"). The console's demo loader moves every timestamp in the files (ms numbers and ISO
strings) by (now - reference) when it reads them, so a RUNNING agent always reads "last status
a few seconds ago" and an offline one "2 days ago", however old the build is. Generating with
fixed times keeps the files reproducible: the same seed gives byte-identical output.

Run: python3 scripts/make-demo-fleet.py --fixtures /work/shared/fixtures/controller-3.7.3
(Python 3 standard library only; deterministic.)"""
import argparse
import base64
import copy
import datetime
import hashlib
import json
import pathlib
import random
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import ed25519_sample  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "resources/demo"
SEED = 20261201
REFERENCE = datetime.datetime(2026, 12, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
REF_MS = int(REFERENCE.timestamp() * 1000)
MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR
SAMPLE = "Sample data"

rng = random.Random(SEED)


# ---------------------------------------------------------------- helpers

def iso(ms):
    t = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def sample_uuid():
    return "%08x-%04x-4%03x-%04x-%012x" % (rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12),
                                          0x8000 | rng.getrandbits(14), rng.getrandbits(48))


def b64url(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def jwt_claims(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


class Key:
    """A sample nkey: secret bytes from the fixed seed, public key, and JWT signing."""

    def __init__(self, kind, label):
        self.secret = hashlib.sha256(f"pot-console sample key {SEED} {kind} {label}".encode()).digest()
        self.public = ed25519_sample.nkey_public(kind, self.secret)

    def jwt(self, claims):
        header = b64url(b'{"typ":"JWT","alg":"ed25519-nkey"}')
        claims = dict(claims)
        claims.pop("jti", None)
        body = json.dumps(claims, separators=(",", ":")).encode()
        claims_out = dict(claims)
        claims_out["jti"] = base64.b64encode(hashlib.sha512(body).digest()).decode()
        # jti after iat, as the Controller orders it
        ordered = {}
        for k, v in claims_out.items():
            if k != "jti":
                ordered[k] = v
            if k == "iat":
                ordered["jti"] = claims_out["jti"]
        if "jti" not in ordered:
            ordered["jti"] = claims_out["jti"]
        payload = b64url(json.dumps(ordered, separators=(",", ":")).encode())
        signing = f"{header}.{payload}".encode()
        return f"{header}.{payload}.{b64url(ed25519_sample.sign(self.secret, signing))}"


def sample_seed(kind_letter):
    # Seed-shaped (S + kind + base32 text, 58 characters) but not a key: the checksum does not match
    # and the text says what it is.
    text = ("S" + kind_letter + "SAMPLESEEDNOTAREALKEY" * 3)[:58]
    return text


def sample_pem(title, cn):
    body = base64.b64encode(f"SAMPLE {title} for {cn}: not a real certificate or key".encode()).decode()
    return f"-----BEGIN {title}-----\n{body}\n-----END {title}-----\n"


def check_shape(template, value, where, loose=()):
    """Same keys (recursively) and the same JSON types, except numbers int/float and the keys in
    `loose` whose template value is null."""
    if isinstance(template, dict):
        assert isinstance(value, dict), where
        if set(template) != set(value):
            raise SystemExit(f"{where}: keys differ: extra {set(value) - set(template)}, "
                             f"missing {set(template) - set(value)}")
        for k in template:
            check_shape(template[k], value[k], f"{where}.{k}", loose)
        return
    if isinstance(template, list):
        assert isinstance(value, list), where
        if not template or not value:
            return
        for i, v in enumerate(value):
            candidates = [t for t in template if not isinstance(t, dict) or not isinstance(v, dict)
                          or set(t) == set(v)] or template[:1]
            errors = []
            for t in candidates:
                try:
                    check_shape(t, v, f"{where}[{i}]", loose)
                    break
                except SystemExit as e:
                    errors.append(str(e))
            else:
                raise SystemExit(errors[0])
        return
    if template is None:
        if value is not None and where.rsplit(".", 1)[-1] not in loose:
            raise SystemExit(f"{where}: the Controller sends null here, generated {value!r}")
        return
    number = (int, float)
    if isinstance(template, bool) or isinstance(value, bool):
        ok = isinstance(template, bool) and isinstance(value, bool)
    elif isinstance(template, number):
        ok = isinstance(value, number)
    else:
        ok = type(template) is type(value)
    if not ok and not (value is None and where.rsplit(".", 1)[-1] in loose):
        raise SystemExit(f"{where}: type {type(value).__name__}, the Controller sends {type(template).__name__}")


# ---------------------------------------------------------------- the fleet

SITES = [
    # site, city label, lat, lon, time zone, subnet, tag
    ("lisbon", "Lisbon plant, Alcântara", 38.7071, -9.1763, "Europe/Lisbon", "10.31", "eu-west"),
    ("oslo", "Oslo logistics hub", 59.9139, 10.7522, "Europe/Oslo", "10.32", "eu-north"),
    ("austin", "Austin assembly line", 30.2672, -97.7431, "America/Chicago", "10.33", "us-central"),
    ("osaka", "Osaka test lab", 34.6937, 135.5023, "Asia/Tokyo", "10.34", "ap-east"),
    ("nairobi", "Nairobi distribution centre", -1.2921, 36.8219, "Africa/Nairobi", "10.35", "af-east"),
]
# per site: (role, count, fog type 1 x86 / 2 ARM, memory limit MiB, disk limit GB)
ROLES = [("gw", 2, 1, 8192, 120), ("line", 3, 1, 4096, 60), ("sensor", 2, 2, 1024, 16)]
WARNINGS = [
    "Disk usage above 85% of the limit",
    "Memory usage above the limit",
    "Clock drift of 42 s against the Controller",
    "Docker daemon slow to answer (4.2 s)",
]


class Fleet:
    def __init__(self, fx):
        self.fx = fx
        self.ids = {}
        self.agents = []       # fog objects
        self.meta = {}         # uuid -> dict(site, status, role)
        self.apps = []
        self.system_apps = []
        self.secrets = []      # (name, type, data)
        self.config_maps = []  # (name, data, immutable, useVault)
        self.volume_mounts = []  # dicts
        self.mount_links = {}
        self.certs = []
        self.cas = []
        self.events = []

    def next_id(self, kind):
        self.ids[kind] = self.ids.get(kind, 0) + 1
        return self.ids[kind]

    # ------------------------------------------------------------ agents
    def make_agents(self):
        fogs = self.fx["GET_iofog-list.json"]["fogs"]
        edge_t = next(f for f in fogs if not f["isSystem"])
        hub_t = next(f for f in fogs if f["isSystem"])
        created0 = REF_MS - 62 * DAY
        hub = copy.deepcopy(hub_t)
        hub_uuid = sample_uuid()
        hub.update(uuid=hub_uuid, name="sample-hub", host="10.30.0.2",
                   description=f"{SAMPLE}: system fog running the interior router and NATS hub",
                   tags=["sample", "hub"], createdAt=iso(created0), updatedAt=iso(REF_MS - 3 * DAY))
        hub["volumeMounts"] = self.agent_mounts(hub_t, "sample-hub")
        self.running(hub, uptime=61 * DAY, cpu=14.2, mem=2210.4, disk=18410.0, version="3.7.3")
        self.agents.append(hub)
        self.meta[hub_uuid] = {"site": None, "status": "RUNNING", "name": "sample-hub", "role": "hub"}

        plan = []
        for si, site in enumerate(SITES):
            for role, count, fog_type, mem_limit, disk_limit in ROLES:
                for n in range(1, count + 1):
                    plan.append((si, site, role, n, fog_type, mem_limit, disk_limit))
        # statuses, spread over the sites: 4 WARNING, 4 UNKNOWN (offline), 3 NOT_PROVISIONED,
        # the rest RUNNING; every gateway 01 runs.
        special = {}
        picks = [i for i, p in enumerate(plan) if not (p[2] == "gw" and p[3] == 1)]
        rng.shuffle(picks)
        for status, k in (("WARNING", 4), ("UNKNOWN", 4), ("NOT_PROVISIONED", 3)):
            for _ in range(k):
                special[picks.pop()] = status
        warnings = list(WARNINGS)
        for i, (si, site, role, n, fog_type, mem_limit, disk_limit) in enumerate(plan):
            name = f"{site[0]}-{role}-{n:02d}"
            fog = copy.deepcopy(edge_t)
            uuid = sample_uuid()
            host = f"{site[5]}.{ {'gw': 0, 'line': 1, 'sensor': 2}[role] }.{10 + n}"
            created = created0 + (si * 3 + n) * DAY + rng.randint(0, 8 * HOUR)
            fog.update(uuid=uuid, name=name, host=host, location=site[1],
                       latitude=round(site[2] + rng.uniform(-0.01, 0.01), 4),
                       longitude=round(site[3] + rng.uniform(-0.01, 0.01), 4),
                       description=f"{SAMPLE}: {role} node {n} at {site[1]}",
                       timeZone=site[4], fogTypeId=fog_type, memoryLimit=mem_limit, diskLimit=disk_limit,
                       tags=["sample", site[0], site[6], role],
                       createdAt=iso(created), updatedAt=iso(created + 2 * HOUR))
            fog["volumeMounts"] = self.agent_mounts(edge_t, name)
            status = special.get(i, "RUNNING")
            base_cpu = {"gw": 22, "line": 38, "sensor": 9}[role]
            if status in ("RUNNING", "WARNING"):
                uptime = rng.randint(2 * HOUR, 40 * DAY)
                cpu = round(max(1.0, rng.gauss(base_cpu, 7)), 1)
                mem = round(mem_limit * rng.uniform(0.25, 0.7), 1)
                disk = round(disk_limit * 1024 * rng.uniform(0.2, 0.6), 1)
                if status == "WARNING":
                    message = warnings.pop(0)
                    if "Disk" in message:
                        disk = round(disk_limit * 1024 * 0.88, 1)
                    if "Memory" in message:
                        mem = round(mem_limit * 1.04, 1)
                self.running(fog, uptime=uptime, cpu=cpu, mem=mem, disk=disk,
                             version=rng.choice(["3.7.3", "3.7.3", "3.7.2"]))
                if status == "WARNING":
                    fog["daemonStatus"] = "WARNING"
                    fog["warningMessage"] = message
                    if "Memory" in message:
                        fog["memoryViolation"] = "1"
                    if "Disk" in message:
                        fog["diskViolation"] = "0"
            elif status == "UNKNOWN":
                gone = rng.randint(26 * HOUR, 6 * DAY)
                self.running(fog, uptime=rng.randint(3 * DAY, 20 * DAY), cpu=0, mem=0, disk=0,
                             version="3.7.2", ago=gone)
                fog["daemonStatus"] = "UNKNOWN"
                fog["warningMessage"] = "Agent stopped reporting (connection lost)"
            self.agents.append(fog)
            self.meta[uuid] = {"site": site, "status": status, "name": name, "role": role, "host": host}

    def running(self, fog, uptime, cpu, mem, disk, version, ago=None):
        seen = REF_MS - (ago if ago is not None else rng.randint(2_000, 9_000))
        start = seen - uptime
        fog.update(daemonStatus="RUNNING", lastActive=seen, lastStatusTime=seen, systemTime=seen,
                   daemonLastStart=start, daemonOperatingDuration=uptime,
                   lastCommandTime=start + rng.randint(MINUTE, 30 * MINUTE),
                   volumeMountLastUpdate=start + 5_000, activeVolumeMounts=len(fog["volumeMounts"]),
                   cpuUsage=cpu, memoryUsage=mem, diskUsage=disk, version=version,
                   ipAddress=fog["host"], ipAddressExternal=fog["host"], repositoryCount=2,
                   processedMessages=rng.randint(10_000, 4_000_000) if ago is None else rng.randint(1000, 90_000),
                   messageSpeed=round(rng.uniform(0.5, 45.0), 2) if ago is None else 0,
                   systemTotalCpu=round(cpu * rng.uniform(1.1, 1.6), 1) if cpu else None,
                   isReadyToUpgrade=version != "3.7.3", warningMessage="HEALTHY")
        fog["updatedAt"] = iso(seen)

    def agent_mounts(self, template_fog, name):
        out = []
        for vm in template_fog["volumeMounts"]:
            m = copy.deepcopy(vm)
            old = next((n for n in ("remote-hub", "edge-node-1") if m["name"].endswith(n)), None)
            for k in ("name", "configMapName", "secretName"):
                if m[k] and old:
                    m[k] = m[k].replace(old, name)
            out.append(m)
        return out

    # ------------------------------------------------------------ applications
    def app_specs(self):
        live = [a for a in self.agents if not a["isSystem"]]
        by_role = lambda role: [a for a in live if self.meta[a["uuid"]]["role"] == role]
        return [
            ("sample-telemetry", "telemetry-exporter",
             "Collects line and sensor readings at every site and publishes them on telemetry.>",
             [("collector", a, "sensor-publisher", "ghcr.io/example/collector:2.4.1", 8080)
              for a in by_role("gw")]),
            ("sample-line-vision", "default-account",
             "Camera inspection of the assembly lines (quality checks)",
             [("vision-inspector", a, "default-user", "ghcr.io/example/vision-inspector:1.8.0", 9000)
              for a in by_role("line") if self.meta[a["uuid"]]["site"][0] in ("lisbon", "austin", "osaka")]),
            ("sample-dashboard", "telemetry-importer",
             "Operations dashboard and MQTT bridge reading the imported telemetry stream",
             [("ops-dashboard", by_role("gw")[0], "dashboard-reader", "ghcr.io/example/ops-dashboard:0.9.4", 3000),
              ("mqtt-bridge", by_role("gw")[2], "default-user", "ghcr.io/example/mqtt-bridge:1.1.0", 1883)]),
            ("sample-maintenance", "default-account",
             "Predictive maintenance: vibration model on the sensor nodes",
             [("vibration-model", a, "default-user", "ghcr.io/example/vibration-model:0.3.2", 0)
              for a in by_role("sensor") if self.meta[a["uuid"]]["site"][0] in ("oslo", "nairobi", "lisbon")]),
        ]

    def make_applications(self):
        apps_t = {a["name"]: a for a in self.fx["GET_application__final.json"]["applications"]}
        app_t = apps_t["foo-producer"]
        ms_t = app_t["microservices"][0]
        created0 = REF_MS - 40 * DAY
        self.ms_index = []  # (app, ms)
        for ai, (name, rule, desc, parts) in enumerate(self.app_specs()):
            app = copy.deepcopy(app_t)
            app_id = self.next_id("application_pre") + 0
            created = created0 + ai * 2 * DAY
            app.update(id=0, name=name, description=f"{SAMPLE}: {desc}", createdAt=iso(created),
                       updatedAt=iso(created + 3 * DAY), natsConfig={"natsAccess": True, "natsRule": rule})
            app["_pre"] = app_id
            app["microservices"] = []
            seen = {}
            for base, agent, urule, image, port in parts:
                meta = self.meta[agent["uuid"]]
                seen[base] = seen.get(base, 0) + 1
                ms_name = f"{base}-{meta['name']}" if len([p for p in parts if p[0] == base]) > 1 else base
                ms = copy.deepcopy(ms_t)
                uuid = sample_uuid()
                ms_created = created + rng.randint(HOUR, 2 * DAY)
                ms.update(uuid=uuid, name=ms_name, config=json.dumps({"site": meta["site"][0], "sample": True},
                                                                       separators=(",", ":")),
                          iofog_uuid=agent["uuid"], iofogUuid=agent["uuid"], application=name,
                          natsCredsSecretName=f"nats-creds-{name}-{ms_name}",
                          createdAt=iso(ms_created), updatedAt=iso(ms_created + 20_000),
                          natsConfig={"natsAccess": True, "natsRule": urule})
                ms["ports"] = [{"internal": port, "external": 10000 + port, "protocol": "tcp"}] if port else []
                ms["images"] = [{"containerImage": image, "fogTypeId": 1},
                                {"containerImage": image + "-arm", "fogTypeId": 2}]
                ms["volumeMappings"] = [
                    {"hostDestination": f"/var/lib/{base}", "containerDestination": "/data", "accessMode": "rw",
                     "id": self.next_id("volumeMapping"), "type": "bind"},
                    {"hostDestination": ms["natsCredsSecretName"], "containerDestination": "/etc/nats/creds",
                     "accessMode": "ro", "id": self.next_id("volumeMapping"), "type": "volumeMount"}]
                ms["env"] = [
                    {"key": "SITE", "value": meta["site"][0], "valueFromSecret": None, "valueFromConfigMap": None},
                    {"key": "NATS_CREDS_PATH", "value": f"/etc/nats/creds/{name}/{ms_name}.creds",
                     "valueFromSecret": None, "valueFromConfigMap": None}]
                ms["cmd"] = []
                self.ms_status(ms, meta["status"], ms_created)
                app["microservices"].append(ms)
                self.ms_index.append((app, ms, agent))
            self.apps.append(app)

    def ms_status(self, ms, agent_status, created):
        st = ms["status"]
        ex = ms["execStatus"]
        if agent_status in ("RUNNING", "WARNING"):
            dur = rng.randint(HOUR, 20 * DAY)
            start = REF_MS - dur
            st.update(status="RUNNING", startTime=start, operatingDuration=dur,
                      cpuUsage=round(rng.uniform(0.5, 18.0), 2), memoryUsage=rng.randint(40, 600) * 1024 * 1024,
                      containerId=hashlib.sha256(ms["uuid"].encode()).hexdigest(), percentage=100,
                      ipAddress=f"172.17.0.{rng.randint(2, 40)}", healthStatus="healthy",
                      createdAt=iso(created + 30_000), updatedAt=iso(REF_MS - rng.randint(2_000, 9_000)))
        elif agent_status == "UNKNOWN":
            st.update(status="UNKNOWN", errorMessage="The agent stopped reporting",
                      createdAt=iso(created + 30_000), updatedAt=iso(REF_MS - 2 * DAY))
        else:
            st.update(createdAt=iso(created + 30_000), updatedAt=iso(created + 30_000))
        ex.update(createdAt=iso(created + 31_000), updatedAt=iso(created + 31_000))

    def make_system_apps(self):
        sys_t = self.fx["GET_application_system.json"]["applications"]
        hub_t, edge_t = sys_t[0], sys_t[1]
        for fog in self.agents:
            t = hub_t if fog["isSystem"] else edge_t
            app = copy.deepcopy(t)
            text = json.dumps(app)
            old_name = "remote-hub" if fog["isSystem"] else "edge-node-1"
            old_fogs = {m["iofogUuid"] for m in t["microservices"]}
            for old in old_fogs:
                text = text.replace(old, fog["uuid"])
            text = text.replace(old_name, fog["name"]).replace("10.20.0.2", "10.30.0.2")
            text = text.replace("10.20.0.11", fog["host"])
            # the jetstream key value comes from a secret: sample text
            app = json.loads(text)
            created = int(datetime.datetime.fromisoformat(fog["createdAt"].replace("Z", "+00:00")).timestamp() * 1000)
            app.update(description=t["description"], createdAt=fog["createdAt"], updatedAt=fog["createdAt"])
            app["_pre"] = 0
            for ms in app["microservices"]:
                ms["uuid"] = sample_uuid()
                ms["createdAt"] = iso(created + 1000)
                ms["updatedAt"] = iso(created + 2000)
                if "configLastUpdated" in ms:
                    ms["configLastUpdated"] = created + 1500
                for e in ms["env"]:
                    if e["valueFromSecret"]:
                        e["value"] = "sample-jetstream-key-not-real"
                self.ms_status(ms, self.meta[fog["uuid"]]["status"], created)
            self.system_apps.append(app)

    def number_applications(self):
        # The Controller numbers applications and microservices in creation order: system apps
        # come with their fogs; user apps after.
        for app in self.system_apps + self.apps:
            app["id"] = self.next_id("application")
            app.pop("_pre", None)
            for ms in app["microservices"]:
                ms["applicationId"] = app["id"]
                ms["flowId"] = app["id"]
        sys_ms = 0
        for app in self.system_apps:
            for ms in app["microservices"]:
                sys_ms += 1

    # ------------------------------------------------------------ NATS
    def make_nats(self):
        fx = self.fx
        acc_t = {a["name"]: a for a in fx["GET_nats_accounts__final.json"]["accounts"]}
        users_t = {(u["accountName"], u["name"]): u for u in fx["GET_nats_users.json"]["users"]}
        self.operator_key = Key("operator", "pot-operator")
        op_claims = jwt_claims(fx["GET_nats_operator.json"]["jwt"])
        iat0 = (REF_MS - 62 * DAY) // 1000
        op_claims.update(sub=self.operator_key.public, iss=self.operator_key.public, iat=iat0)
        self.operator = dict(fx["GET_nats_operator.json"])
        self.operator.update(publicKey=self.operator_key.public, jwt=self.operator_key.jwt(op_claims))

        old_keys = {}  # fixture public key -> new
        self.accounts, self.users = [], []

        def account(name, template, app_id, is_system, leaf):
            key = Key("account", name)
            old_keys.setdefault(template["publicKey"], key.public)
            claims = jwt_claims(template["jwt"])
            claims.update(name=name, sub=key.public, iss=self.operator_key.public, iat=iat0 + len(self.accounts) * 60)
            obj = copy.deepcopy(template)
            obj.update(id=len(self.accounts) + 1, name=name, publicKey=key.public, isSystem=is_system,
                       isLeafSystem=leaf, applicationId=app_id)
            obj["_claims"], obj["_key"] = claims, key
            self.accounts.append(obj)
            return obj

        def user(name, template, acc, app, ms_uuid, bearer=False, expires=None):
            key = Key("user", f"{acc['name']}/{name}")
            claims = jwt_claims(template["jwt"])
            claims.update(name=name, sub=key.public, iss=acc["_key"].public,
                          iat=acc["_claims"]["iat"] + 30 + len(self.users))
            if expires is not None:
                claims["nats"]["exp"] = expires
            obj = copy.deepcopy(template)
            obj.update(id=len(self.users) + 1, name=name, publicKey=key.public, isBearer=bearer,
                       accountId=acc["id"], accountName=acc["name"],
                       applicationId=app["id"] if app else None, applicationName=app["name"] if app else None,
                       microserviceUuid=ms_uuid)
            obj["jwt"] = acc["_key"].jwt(claims)
            self.users.append(obj)
            return obj

        sys_acc = account("SYS", acc_t["SYS"], None, True, False)
        user("admin-hub", users_t[("SYS", "admin-hub")], sys_acc, None, None)
        self.secret("nats-operator-seed", "Opaque", {"seed": sample_seed("O")})
        self.secret("nats-system-account-seed", "Opaque", {"seed": sample_seed("A")})
        self.secret("nats-creds-sys-admin-hub", "Opaque", {"admin-hub.creds": self.sample_creds("admin-hub")})
        leaf_t = acc_t["SYS-leaf-edge-node-1"]
        for fog in self.agents:
            if fog["isSystem"]:
                continue
            n = fog["name"]
            acc = account(f"SYS-leaf-{n}", leaf_t, None, False, True)
            user(f"admin-leaf-{n}", users_t[("SYS-leaf-edge-node-1", "admin-leaf-edge-node-1")], acc, None, None)
            self.secret(f"nats-leaf-system-seed-{n}", "Opaque", {"seed": sample_seed("A")})
            self.secret(f"nats-creds-sys-leaf-{n}-admin-leaf-{n}", "Opaque",
                        {f"admin-leaf-{n}.creds": self.sample_creds(f"admin-leaf-{n}")})
        # applications: account per app, a user per microservice, a leaf user per agent used
        templates = {"telemetry-exporter": acc_t["foo-producer"], "telemetry-importer": acc_t["foo-consumer"],
                     "default-account": acc_t["plain-app"]}
        self.app_accounts = {}
        nats_ms = {a["name"]: a for a in self.system_apps}
        for app in self.apps:
            rule = app["natsConfig"]["natsRule"]
            acc = account(app["name"], templates[rule], app["id"], False, False)
            self.app_accounts[app["name"]] = acc
            self.secret(f"nats-account-seed-{app['name']}", "Opaque", {"seed": sample_seed("A")})
            leafs = []
            for ms in app["microservices"]:
                urule = ms["natsConfig"]["natsRule"]
                t = users_t[("foo-consumer", "dashboard")] if urule == "dashboard-reader" else \
                    users_t[("foo-producer", "temp-sensor")] if urule == "sensor-publisher" else \
                    users_t[("foo-producer", "temp-logger")] if ("foo-producer", "temp-logger") in users_t else \
                    users_t[("foo-producer", "temp-sensor")]
                u = user(ms["name"], t, acc, app, ms["uuid"])
                ms["natsAccountId"], ms["natsUserId"] = acc["id"], u["id"]
                self.secret(ms["natsCredsSecretName"], "Opaque", {f"{ms['name']}.creds": self.sample_creds(ms["name"])})
                self.volume_mount(ms["natsCredsSecretName"], None, ms["natsCredsSecretName"], 1, [ms["iofogUuid"]])
                if ms["iofogUuid"] not in leafs:
                    leafs.append(ms["iofogUuid"])
            for fog_uuid in leafs:
                n = self.meta[fog_uuid]["name"]
                sys_app = nats_ms[f"system-{n}"]
                nats_uuid = next(m["uuid"] for m in sys_app["microservices"] if m["name"] == "nats")
                user(f"leaf-{n}", users_t[("foo-producer", "leaf-edge-node-1")], acc, app, nats_uuid)
                self.secret(f"nats-creds-{app['name']}-leaf-{n}", "Opaque",
                            {f"leaf-{n}.creds": self.sample_creds(f"leaf-{n}")})
            if app["name"] == "sample-telemetry":
                u = user("ops-cli", users_t[("foo-producer", "ops-cli")], acc, app, None,
                         expires=REF_MS // 1000 + 30 * 86400)
                self.secret("nats-creds-sample-telemetry-ops-cli", "Opaque", {"ops-cli.creds": self.sample_creds("ops-cli")})
            if app["name"] == "sample-dashboard":
                for site in ("lisbon", "oslo"):
                    user(f"mqtt-{site}-panel", users_t[("foo-consumer", "mqtt-dev-1")], acc, app, None, bearer=True,
                         expires=REF_MS // 1000 + 14 * 86400)
                    self.secret(f"nats-mqtt-creds-sample-dashboard-mqtt-{site}-panel", "Opaque",
                                {"token": "sample-mqtt-bearer-not-real"})
        # account JWTs: imports pointing at the fixture exporter now point at the sample exporter
        for acc in self.accounts:
            text = json.dumps(acc["_claims"])
            for old, new in old_keys.items():
                text = text.replace(old, new)
            if acc["name"] == "sample-dashboard":
                text = text.replace(old_keys.get(acc_t["foo-producer"]["publicKey"], "x"),
                                    self.app_accounts["sample-telemetry"]["publicKey"])
            acc["jwt"] = self.operator_key.jwt(json.loads(text))
        self.account_rules = self.rename_rules(fx["GET_nats_account-rules.json"], {
            "foo-exporter": ("telemetry-exporter", "Account rule exporting telemetry.> (stream) and telemetry.rpc.* (service)"),
            "foo-importer": ("telemetry-importer", "Account rule importing the telemetry.> stream exported by sample-telemetry"),
        }, {acc_t["foo-producer"]["publicKey"]: self.app_accounts["sample-telemetry"]["publicKey"]})
        self.user_rules = self.rename_rules(fx["GET_nats_user-rules.json"], {
            "sensor-publisher": ("sensor-publisher", "Collector user: publish telemetry.> only, subscribe to replies"),
            "dashboard-reader": ("dashboard-reader", "Read-only dashboard user (business hours only)"),
        }, {})
        for acc in self.accounts:
            acc.pop("_claims")
            acc.pop("_key")

    def rename_rules(self, answer, names, keys):
        out = copy.deepcopy(answer)
        for r in out["rules"]:
            if r["name"] in names:
                r["name"], desc = names[r["name"]]
                r["description"] = f"{SAMPLE}: {desc}"
            elif not r["isSystem"]:
                r["description"] = f"{SAMPLE}: {r['description']}"
            text = json.dumps(r).replace("foo.", "telemetry.").replace('"foo"', '"telemetry"')
            text = text.replace("example.invalid/docs/foo", "example.invalid/docs/telemetry")
            text = text.replace('"fixture"', '"sample"')
            for old, new in keys.items():
                text = text.replace(old, new)
            r.clear()
            r.update(json.loads(text))
        return out

    def sample_creds(self, name):
        text = (f"-----BEGIN NATS USER JWT-----\nSAMPLE-{name}-JWT-NOT-REAL\n------END NATS USER JWT------\n\n"
                f"-----BEGIN USER NKEY SEED-----\n{sample_seed('U')}\n------END USER NKEY SEED------\n")
        return base64.b64encode(text.encode()).decode()

    # ------------------------------------------------------------ secrets, config maps, mounts
    def secret(self, name, kind, data):
        self.secrets.append((name, kind, data))

    def tls_secret(self, name, cn):
        self.secret(name, "tls", {
            "tls.crt": base64.b64encode(sample_pem("CERTIFICATE", cn).encode()).decode(),
            "tls.key": base64.b64encode(sample_pem("PRIVATE KEY", cn).encode()).decode()})

    def volume_mount(self, name, config_map, secret, version, fogs):
        self.volume_mounts.append({"uuid": sample_uuid(), "name": name, "configMapName": config_map,
                                   "secretName": secret, "version": version})
        self.mount_links[name] = {"fogUuids": list(fogs)}

    def make_infrastructure(self):
        cert_t = self.fx["GET_certificates.json"]["certificates"]
        ca_t = self.fx["GET_certificates_ca.json"]["cas"][0]
        server_t = next(c for c in cert_t if not c["isCA"])
        ca_cert_t = next(c for c in cert_t if c["isCA"])

        def cert(name, subject, hosts, ca_name, created, years=5):
            c = copy.deepcopy(ca_cert_t if ca_name is None else server_t)
            valid_to = created + years * 365 * DAY
            c.update(name=name, subject=subject, hosts=hosts, isCA=ca_name is None, caName=ca_name,
                     validFrom=iso(created // 1000 * 1000), validTo=iso(valid_to // 1000 * 1000),
                     daysRemaining=(valid_to - REF_MS) // DAY, isExpired=False)
            self.certs.append(c)
            if ca_name is None:
                a = copy.deepcopy(ca_t)
                a.update(name=name, subject=subject, valid_from=c["validFrom"], valid_to=c["validTo"],
                         days_remaining=c["daysRemaining"], is_expired=False)
                self.cas.append(a)
            self.tls_secret(name, subject)

        hub = self.agents[0]
        t0 = REF_MS - 62 * DAY
        cert("router-site-ca", "router-site-ca", None, None, t0)
        cert("nats-site-ca", "nats-site-ca", None, None, t0)
        local_hosts = "localhost,127.0.0.1,host.docker.internal,host.containers.internal,iofog,service.local,"
        self.config_map("iofog-nats-jwt-bundle", {"jwt-bundle.json": json.dumps({"sample": True})}, False, True)
        for fog in self.agents:
            n, u, h = fog["name"], fog["uuid"], fog["host"]
            c = int(datetime.datetime.fromisoformat(fog["createdAt"].replace("Z", "+00:00")).timestamp() * 1000)
            cert(f"router-site-server-{n}", u, h, "router-site-ca", c)
            cert(f"router-local-ca-{n}", u, None, None, c)
            cert(f"router-local-server-{n}", u, local_hosts + h, f"router-local-ca-{n}", c)
            cert(f"router-local-agent-{n}", u, local_hosts + h, f"router-local-ca-{n}", c)
            cert(f"nats-local-ca-{n}", f"nats-local-ca-{n}", None, None, c)
            cert(f"nats-server-{n}", f"nats-server-{n}", f"{h},0.0.0.0,0.0.0.0", "nats-site-ca", c)
            cert(f"nats-mqtt-server-{n}", f"nats-mqtt-server-{n}", f"{h},0.0.0.0,0.0.0.0", f"nats-local-ca-{n}", c)
            self.secret(f"nats-jetstream-key-{n}", "Opaque", {"jsk": "sample-jetstream-key-not-real"})
            conf = (f"# {SAMPLE}: generated NATS server configuration\nport: 4222\nserver_name: \"{n}\"\n"
                    f"http_port: 8222\n")
            self.config_map(f"nats-server-conf-{n}", {"server.conf": conf}, False, True)
            if not fog["isSystem"]:
                self.config_map(f"nats-jwt-bundle-{n}", {"jwt-bundle.json": json.dumps({"sample": True})}, False, True)
                self.config_map(f"nats-leaf-creds-{n}", {"leaf.creds": "# sample leaf credentials (not real)\n"},
                                False, True)
            for vm in fog["volumeMounts"]:
                self.volume_mount(vm["name"], vm["configMapName"], vm["secretName"],
                                  vm["version"] + (2 if "jwt" in vm["name"] else 0), [u])
        self.volume_mount("nats-creds-sys-admin-hub", None, "nats-creds-sys-admin-hub", 1, [hub["uuid"]])
        # user objects
        t1 = REF_MS - 20 * DAY
        cert("sample-root-ca", "CN=Sample Root CA,O=Sample Org", None, None, t1, years=3)
        cert("dashboard-tls", "CN=dashboard.sample.invalid", "dashboard.sample.invalid,localhost",
             "sample-root-ca", t1 + DAY, years=1)
        self.secret("sample-registry-login", "Opaque", {"username": "sample-bot", "password": "sample-value"})
        self.secret("sample-api-token", "Opaque", {"token": "sample-value"})
        self.config_map("sample-telemetry-settings", {"LOG_LEVEL": "info", "collector.properties":
                        "# sample settings\ncollector.interval=5\ncollector.batch=50\n"}, False, True)
        self.config_map("sample-vision-thresholds", {"thresholds.json": json.dumps(
            {"scratch": 0.82, "dent": 0.9, "sample": True})}, True, False)
        self.config_map("sample-dashboard-theme", {"theme": "dark", "refreshSeconds": "5"}, False, True)
        vision_fogs = sorted({ms["iofogUuid"] for app in self.apps if app["name"] == "sample-line-vision"
                              for ms in app["microservices"]})
        self.volume_mount("sample-vision-thresholds", "sample-vision-thresholds", None, 2, vision_fogs)
        self.volume_mount("sample-api-token", None, "sample-api-token", 1, [self.agents[1]["uuid"]])

    def config_map(self, name, data, immutable, use_vault):
        self.config_maps.append((name, data, immutable, use_vault))

    # ------------------------------------------------------------ events
    def make_events(self):
        ev_t = self.fx["GET_events__limit-100.json"]["events"][0]
        actors = ["ana.silva@sample.invalid", "ingrid.berg@sample.invalid", "ops-automation@sample.invalid",
                  "kenji.sato@sample.invalid", "viewer@sample.invalid"]
        actions = [
            ("GET", None, "/api/v3/iofog-list", 200),
            ("GET", None, "/api/v3/application", 200),
            ("POST", None, "/api/v3/user/login", 200),
            ("PATCH", "microservice", "/api/v3/microservices/{ms}", 200),
            ("POST", "agent", "/api/v3/iofog/{fog}/reboot", 204),
            ("PATCH", "agent", "/api/v3/iofog/{fog}", 204),
            ("POST", "secret", "/api/v3/secrets", 201),
            ("PATCH", "configmap", "/api/v3/configmaps/sample-telemetry-settings", 200),
            ("PUT", "config", "/api/v3/config", 403),
            ("DELETE", None, "/api/v3/nats/accounts/sample-telemetry/users/ops-cli-old", 204),
            ("POST", None, "/api/v3/nats/accounts/sample-dashboard/mqtt-bearer", 201),
            ("POST", "agent", "/api/v3/iofog/{fog}/version/upgrade", 204),
        ]
        fogs = [a for a in self.agents if not a["isSystem"]]
        mss = [ms for app in self.apps for ms in app["microservices"]]
        t = REF_MS - 4 * DAY
        n = 150
        for i in range(n):
            t += rng.randint(10 * MINUTE, 70 * MINUTE)
            t = min(t, REF_MS - (n - i) * 30_000)
            method, rtype, path, code = rng.choice(actions)
            actor = rng.choice(actors)
            if actor.startswith("viewer") and method != "GET":
                code = 403
            fog = rng.choice(fogs)
            ms = rng.choice(mss)
            rid = None
            if "{fog}" in path:
                rid = fog["uuid"]
            elif "{ms}" in path:
                rid = ms["uuid"]
            elif path.endswith("sample-telemetry-settings"):
                rid = "sample-telemetry-settings"
            elif path.endswith("ops-cli-old"):
                rid = "ops-cli-old"
            e = copy.deepcopy(ev_t)
            ok = code < 400
            e.update(id=i + 1, timestamp=t, method=method, resourceType=rtype, resourceId=rid, actorId=actor,
                     endpointPath=path.replace("{fog}", fog["uuid"]).replace("{ms}", ms["uuid"]),
                     ipAddress=f"10.30.8.{10 + actors.index(actor)}", status="SUCCESS" if ok else "FAILED",
                     statusCode=code, statusMessage="Success" if ok else f"HTTP {code}",
                     createdAt=iso(t + 9), updatedAt=iso(t + 9))
            self.events.append(e)
        self.events.reverse()  # newest first, as the Controller answers

    # ------------------------------------------------------------ output
    def write(self):
        fx = self.fx
        out = {}
        checks = []

        def put(name, value, template=None, loose=()):
            out[name] = value
            if template is not None:
                checks.append((name, template, value, tuple(loose)))

        fog_loose = ("version", "systemTotalCpu", "memoryViolation", "diskViolation", "latitude", "longitude",
                     "gpsMode")
        put("agents", {"fogs": self.agents}, None)
        fogs_t = fx["GET_iofog-list.json"]["fogs"]
        for f in self.agents:
            checks.append(("agents/" + f["name"], fogs_t[1] if f["isSystem"] else fogs_t[0], f, fog_loose))
        ms_loose = ("catalogItemId", "catalog_item_id")
        put("applications", {"applications": self.apps})
        for a in self.apps:
            checks.append(("applications/" + a["name"], fx["GET_application__final.json"]["applications"][0], a, ms_loose))
        put("systemApplications", {"applications": self.system_apps})
        for a in self.system_apps:
            t = fx["GET_application_system.json"]["applications"][1 if a["microservices"][0]["iofogUuid"] != self.agents[0]["uuid"] else 0]
            checks.append(("systemApplications/" + a["name"], t, a, ()))
        put("natsOperator", self.operator, fx["GET_nats_operator.json"])
        hub = dict(fx["GET_nats_hub.json"])
        hub["host"] = "10.30.0.2"
        put("natsHub", hub, fx["GET_nats_hub.json"])
        put("natsAccounts", {"accounts": self.accounts}, fx["GET_nats_accounts__final.json"])
        put("natsUsers", {"users": self.users}, fx["GET_nats_users.json"])
        put("natsAccountRules", self.account_rules, fx["GET_nats_account-rules.json"])
        put("natsUserRules", self.user_rules, fx["GET_nats_user-rules.json"])
        put("roles", self.roles(), fx["GET_roles__after-create.json"])
        bindings, accounts = self.bindings()
        put("roleBindings", bindings, fx["GET_rolebindings.json"])
        put("serviceAccounts", accounts, fx["GET_serviceaccounts__initial.json"])
        put("certificates", {"certificates": self.certs}, fx["GET_certificates.json"])
        put("certificateAuthorities", {"cas": self.cas}, fx["GET_certificates_ca.json"])
        # secrets: ids in creation order
        sec_t = fx["GET_secrets.json"]
        put("secrets", {"secrets": [{"id": i + 1, "name": n, "type": k} for i, (n, k, _) in enumerate(self.secrets)]},
            sec_t)
        opaque_t, tls_t = fx["GET_secrets_NAME__fixture-opaque.json"], fx["GET_secrets_NAME__fixture-tls.json"]
        details = {}
        for i, (n, k, data) in enumerate(self.secrets):
            details[n] = {"id": i + 1, "name": n, "type": k, "data": data}
            checks.append(("secrets-details/" + n, {kk: vv for kk, vv in (tls_t if k == "tls" else opaque_t).items()
                                                  if kk != "data"},
                           {kk: vv for kk, vv in details[n].items() if kk != "data"}, ()))
        put("secrets-details", details)
        cm_t = fx["GET_configmaps.json"]
        put("configMaps", {"configMaps": [{"id": i + 1, "name": n, "immutable": im, "useVault": uv}
                                          for i, (n, _, im, uv) in enumerate(self.config_maps)]}, cm_t)
        cmd_t = fx["GET_configmaps_NAME__fixture-config.json"]
        cmd = {}
        for i, (n, data, im, uv) in enumerate(self.config_maps):
            cmd[n] = {"id": i + 1, "name": n, "data": data, "immutable": im, "useVault": uv}
            checks.append(("configMaps-details/" + n, {k: v for k, v in cmd_t.items() if k != "data"},
                           {k: v for k, v in cmd[n].items() if k != "data"}, ()))
        put("configMaps-details", cmd)
        put("volumeMounts", self.volume_mounts, fx["GET_volumeMounts.json"])
        put("volumeMounts-links", self.mount_links)
        for n, link in self.mount_links.items():
            checks.append(("volumeMounts-links/" + n, fx["GET_volumeMounts_NAME_link__fixture-secret-mount.json"], link, ()))
        put("services", self.services(), fx["GET_services.json"])
        regs, reg_details = self.registries()
        put("registries", regs, fx["GET_registries.json"])
        put("registries-details", reg_details)
        for k, v in reg_details.items():
            checks.append(("registries-details/" + k, fx["GET_registries_ID__fixture-private.json"], v, ()))
        put("catalogItems", self.catalog(), fx["GET_catalog_microservices.json"])
        put("edgeResources", self.edge_resources(), fx["GET_edgeResources.json"])
        templates, template_details = self.templates()
        put("applicationTemplates", templates)
        for t in templates["applicationTemplates"]:
            checks.append(("applicationTemplates/" + t["name"],
                           {k: v for k, v in fx["GET_applicationTemplates.json"]["applicationTemplates"][0].items()
                            if k != "application"}, {k: v for k, v in t.items() if k != "application"}, ()))
        put("applicationTemplates-details", template_details)
        router = dict(fx["GET_router.json"])
        router["host"] = "10.30.0.2"
        put("router", router, fx["GET_router.json"])
        put("events", {"events": self.events, "total": len(self.events), "limit": len(self.events), "offset": 0},
            fx["GET_events__limit-100.json"], loose=("resourceType", "resourceId"))
        status = dict(fx["GET_status.json"])
        status.update(timestamp=REF_MS, uptimeSec=61 * 86400 + 3 * 3600.5)
        put("status", status, fx["GET_status.json"])
        put("capabilities", {"nats": True})

        for name, template, value, loose in checks:
            check_shape(template, value, name, loose)
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.json"):
            old.unlink()
        for name, value in out.items():
            (OUT / f"{name}.json").write_text(json.dumps(value, indent=1, ensure_ascii=False) + "\n")
        print(f"wrote {len(out)} files to {OUT}: {len(self.agents)} agents, {len(self.apps)} applications, "
              f"{sum(len(a['microservices']) for a in self.apps)} microservices, {len(self.accounts)} NATS accounts, "
              f"{len(self.users)} users, {len(self.secrets)} secrets, {len(self.config_maps)} config maps, "
              f"{len(self.events)} events")

    def roles(self):
        r = copy.deepcopy(self.fx["GET_roles__after-create.json"])
        for role in r["roles"]:
            if "createdAt" in role:
                role["createdAt"] = iso(REF_MS - 30 * DAY)
                role["updatedAt"] = iso(REF_MS - 12 * DAY)
        return r

    def bindings(self):
        b = copy.deepcopy(self.fx["GET_rolebindings.json"])
        b["bindings"][0]["subjects"] = [{"kind": "User", "name": "ingrid.berg@sample.invalid"},
                                        {"kind": "User", "name": "ops-automation@sample.invalid"}]
        b["bindings"][1]["subjects"] = [{"kind": "User", "name": "viewer@sample.invalid"},
                                        {"kind": "ServiceAccount", "name": "ops-dashboard"}]
        for x in b["bindings"]:
            x["createdAt"] = iso(REF_MS - 30 * DAY)
            x["updatedAt"] = iso(REF_MS - 12 * DAY)
        sa_t = self.fx["GET_serviceaccounts__initial.json"]["serviceAccounts"][0]
        sas = []
        for app in self.apps:
            for ms in app["microservices"][:3]:
                s = copy.deepcopy(sa_t)
                s.update(id=len(sas) + 1, name=ms["name"], microserviceUuid=ms["uuid"], microservice_uuid=ms["uuid"],
                         applicationId=app["id"], application={"name": app["name"]}, applicationName=app["name"],
                         createdAt=ms["createdAt"], updatedAt=ms["createdAt"])
                sas.append(s)
        return b, {"serviceAccounts": sas}

    def services(self):
        t = self.fx["GET_services.json"]
        ext, msvc = copy.deepcopy(t[0]), copy.deepcopy(t[1])
        dash = next(ms for app in self.apps for ms in app["microservices"] if ms["name"] == "ops-dashboard")
        msvc.update(name="ops-dashboard", resource=dash["uuid"], bridgePort=10024, targetPort=3000, servicePort=10024,
                    serviceEndpoint="10.30.0.2", tags=["sample", "lisbon"])
        ext.update(name="sample-historian", resource="historian.sample.invalid", bridgePort=10025, targetPort=5432,
                   servicePort=10025, serviceEndpoint="10.30.0.2", tags=["sample"])
        pending = copy.deepcopy(msvc)
        vision = next(ms for app in self.apps for ms in app["microservices"] if ms["name"].startswith("vision"))
        pending.update(name="vision-api", resource=vision["uuid"], bridgePort=10026, targetPort=9000,
                       servicePort=10026, tags=["sample", "austin"])
        return [ext, msvc, pending]

    def registries(self):
        r = copy.deepcopy(self.fx["GET_registries.json"])
        private = {"id": 3, "url": "registry.sample.invalid:5000", "isPublic": False, "username": "sample-bot",
                   "userEmail": "bot@sample.invalid"}
        r["registries"].append(private)
        details = {}
        for x in r["registries"]:
            d = {"password": "sample-password-not-real" if not x["isPublic"] else ""}
            d.update(x)
            details[str(x["id"])] = d
        return r, details

    def catalog(self):
        c = copy.deepcopy(self.fx["GET_catalog_microservices.json"])
        t = c["catalogItems"][-1]
        for i, (name, image) in enumerate((("Sample collector", "ghcr.io/example/collector:2.4.1"),
                                           ("Sample vision inspector", "ghcr.io/example/vision-inspector:1.8.0"))):
            x = copy.deepcopy(t)
            x.update(id=len(c["catalogItems"]) + 1, name=name, description=f"{SAMPLE}: catalog entry for {name.lower()}",
                     category="SAMPLE", publisher="Sample Org", isPublic=True,
                     images=[{"containerImage": image, "fogTypeId": 1}, {"containerImage": image + "-arm", "fogTypeId": 2}])
            c["catalogItems"].append(x)
        return c

    def edge_resources(self):
        e = copy.deepcopy(self.fx["GET_edgeResources.json"])
        t = e["edgeResources"][0]
        out = []
        for i, (name, proto, icon, tag) in enumerate((("vibration-sensor", "http", "sensors", "vibration"),
                                                      ("line-camera", "http", "photo_camera", "camera"))):
            x = copy.deepcopy(t)
            x.update(id=i + 1, name=name, description=f"{SAMPLE}: {name.replace('-', ' ')}", version="1.2.0",
                     interfaceProtocol=proto, orchestrationTags=[tag, "sample"])
            x["display"] = {"name": name.replace("-", " ").title(), "icon": icon, "color": "#2E7D32"}
            out.append(x)
        e["edgeResources"] = out
        return e

    def templates(self):
        lst = copy.deepcopy(self.fx["GET_applicationTemplates.json"])
        detail_t = self.fx["GET_applicationTemplate_NAME__fixture-template.json"]
        out, details = [], {}
        for i, t in enumerate(lst["applicationTemplates"]):
            name = ["sample-collector-template", "sample-dashboard-template"][i % 2]
            text = json.dumps(t).replace("fixture-template", name).replace("fixture-yaml-template", name)
            text = text.replace("edge-node-1", "lisbon-gw-01").replace("edge-node-2", "oslo-gw-01")
            x = json.loads(text)
            x["description"] = f"{SAMPLE}: " + ("collector, agent and rate as variables" if i == 0
                                                else "dashboard from YAML")
            created = REF_MS - (10 - i) * DAY
            x["createdAt"] = x["updatedAt"] = iso(created)
            for v in x["variables"]:
                v["createdAt"] = v["updatedAt"] = iso(created + 5)
            out.append(x)
            d = json.loads(json.dumps(detail_t).replace("fixture-template", name).replace("edge-node-1", "lisbon-gw-01"))
            check_shape({k: v for k, v in detail_t.items() if k != "application"},
                        {k: v for k, v in d.items() if k != "application"}, "applicationTemplates-details/" + name)
            d.update({k: x[k] for k in ("id", "name", "description", "createdAt", "updatedAt") if k in d})
            details[name] = d
        lst["applicationTemplates"] = out
        return lst, details


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", default=str(ROOT / "tests/data/controller-3.7.3"),
                        help="directory of the real Controller 3.7.3 answers (the shapes)")
    args = parser.parse_args()
    names = ["GET_iofog-list.json", "GET_application__final.json", "GET_application_system.json",
             "GET_nats_operator.json", "GET_nats_hub.json", "GET_nats_accounts__final.json", "GET_nats_users.json",
             "GET_nats_account-rules.json", "GET_nats_user-rules.json", "GET_roles__after-create.json",
             "GET_rolebindings.json", "GET_serviceaccounts__initial.json", "GET_certificates.json",
             "GET_certificates_ca.json", "GET_secrets.json", "GET_secrets_NAME__fixture-opaque.json",
             "GET_secrets_NAME__fixture-tls.json", "GET_configmaps.json", "GET_configmaps_NAME__fixture-config.json",
             "GET_volumeMounts.json", "GET_volumeMounts_NAME_link__fixture-secret-mount.json", "GET_services.json",
             "GET_registries.json", "GET_registries_ID__fixture-private.json", "GET_catalog_microservices.json",
             "GET_edgeResources.json", "GET_applicationTemplates.json",
             "GET_applicationTemplate_NAME__fixture-template.json", "GET_router.json", "GET_events__limit-100.json",
             "GET_status.json"]
    fx = {}
    for n in names:
        path = pathlib.Path(args.fixtures) / n
        if not path.is_file():
            raise SystemExit(f"{path}: missing; pass --fixtures with the Controller 3.7.3 answers")
        fx[n] = json.loads(path.read_text())
    fleet = Fleet(fx)
    fleet.make_agents()
    fleet.make_system_apps()
    fleet.make_applications()
    fleet.number_applications()
    fleet.make_nats()
    fleet.make_infrastructure()
    fleet.make_events()
    fleet.write()


if __name__ == "__main__":
    main()
