#!/usr/bin/env python3
"""Builds resources/demo/ (the bundled, read-only demo control plane) from the real Controller 3.7.3
answers in tests/data/controller-3.7.3. Secret material (seeds, private keys, creds) is removed the
same way the on-disk snapshots remove it. Run it again after the fixtures change."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests/data/controller-3.7.3"
OUT = ROOT / "resources/demo"

# snapshot id -> fixture (the latest state of each list in the capture)
SOURCES = {
    "agents": "GET_iofog-list.json",
    "applications": "GET_application__final.json",
    "systemApplications": "GET_application_system.json",
    "natsOperator": "GET_nats_operator.json",
    "natsHub": "GET_nats_hub.json",
    "natsAccounts": "GET_nats_accounts__final.json",
    "natsUsers": "GET_nats_users.json",
    "natsAccountRules": "GET_nats_account-rules.json",
    "natsUserRules": "GET_nats_user-rules.json",
    "roles": "GET_roles__after-create.json",
    "roleBindings": "GET_rolebindings.json",
    "serviceAccounts": "GET_serviceaccounts__initial.json",
    "certificates": "GET_certificates.json",
    "certificateAuthorities": "GET_certificates_ca.json",
}
SECRET_KEYS = {k.lower() for k in ("seed", "privateKey", "private_key", "credsBase64", "creds",
                                    "password", "accessToken", "refreshToken", "access_token",
                                    "refresh_token", "caKey", "tls.key")}


def scrub(value):
    if isinstance(value, dict):
        from_secret = bool(value.get("valueFromSecret"))
        bearer = bool(value.get("isBearer")) or bool(value.get("bearer_token"))
        return {k: scrub(v) for k, v in value.items()
                if k.lower() not in SECRET_KEYS
                and not (from_secret and k == "value") and not (bearer and k == "jwt")}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for name, fixture in SOURCES.items():
        data = json.loads((FIXTURES / fixture).read_text())
        (OUT / f"{name}.json").write_text(json.dumps(scrub(data), indent=1) + "\n")
    (OUT / "capabilities.json").write_text(json.dumps({"nats": True}) + "\n")


if __name__ == "__main__":
    main()
