"""Client-credentials token, then REST /platform/v1/tokenContext, with Python's standard library only.

urllib.request's default opener takes the proxy from HTTPS_PROXY (its ProxyHandler) and verifies TLS
with ssl.create_default_context(), which reads SSL_CERT_FILE: nothing here knows about the emulator.
Needs SFMC_AUTH_URL, SFMC_CLIENT_ID, SFMC_CLIENT_SECRET and SFMC_ACCOUNT_ID. Prints the tokenContext JSON.
"""

import json
import os
import urllib.request


def main() -> None:
    body = json.dumps(
        {
            "grant_type": "client_credentials",
            "client_id": os.environ["SFMC_CLIENT_ID"],
            "client_secret": os.environ["SFMC_CLIENT_SECRET"],
            "account_id": int(os.environ["SFMC_ACCOUNT_ID"]),
        }
    ).encode()
    request = urllib.request.Request(
        os.environ["SFMC_AUTH_URL"] + "v2/token",
        data=body,
        headers={"content-type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        token = json.load(response)
    context_request = urllib.request.Request(
        token["rest_instance_url"] + "platform/v1/tokenContext",
        headers={"authorization": "Bearer " + token["access_token"]},
    )
    with urllib.request.urlopen(context_request, timeout=30) as response:
        print(json.dumps(json.load(response), separators=(",", ":")))


if __name__ == "__main__":
    main()
