"""Fake-data helpers for build.py (seeded, deterministic)."""
import random
import string

R = random.Random(7707)


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


def alnum(n, chars=string.ascii_letters + string.digits):
    return "".join(R.choice(chars) for _ in range(n))


def luhn(prefix, length=16):
    body = prefix + digits(length - len(prefix) - 1)
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


def group4(s, sep="-"):
    return sep.join(s[i:i + 4] for i in range(0, len(s), 4))


def iban(country, bban):
    rearr = bban + country + "00"
    num = "".join(str(int(c, 36)) for c in rearr)
    check = 98 - int(num) % 97
    return f"{country}{check:02d}{bban}"


def my_number():
    p = digits(11)
    s = 0
    for n in range(1, 12):
        pn = int(p[11 - n])
        q = n + 1 if n <= 6 else n - 5
        s += pn * q
    r = s % 11
    c = 0 if r <= 1 else 11 - r
    return p + str(c)


def fw_digits(s):
    return "".join(chr(ord(c) - ord("0") + ord("０")) if c.isdigit() else ("－" if c == "-" else c) for c in s)


def jp_mobile():
    return f"0{R.choice('789')}0-{digits(4)}-{digits(4)}"


def ssn():
    a = R.randint(100, 665)
    return f"{a:03d}-{R.randint(10, 99):02d}-{R.randint(1000, 9999):04d}"


def aws_key():
    return "AKIA" + alnum(16, string.ascii_uppercase + "234567")


def aws_secret():
    return alnum(40, string.ascii_letters + string.digits + "/+")


def gh_token():
    return "ghp_" + alnum(36)


def gitlab_token():
    return "glpat-" + alnum(20, string.ascii_letters + string.digits + "-_")


def slack_token():
    return f"xoxb-{digits(12)}-{digits(13)}-{alnum(24)}"


def slack_webhook():
    return f"https://hooks.slack.com/services/T{alnum(8, string.ascii_uppercase + string.digits)}/B{alnum(10, string.ascii_uppercase + string.digits)}/{alnum(24)}"


def stripe_key():
    return "sk_live_" + alnum(24)


def google_key():
    return "AIza" + alnum(35, string.ascii_letters + string.digits + "-_")


def openai_key():
    return "sk-proj-" + alnum(48, string.ascii_letters + string.digits + "-_")


def npm_token():
    return "npm_" + alnum(36)


def pypi_token():
    return "pypi-AgEIcHlwaS5vcmc" + alnum(60, string.ascii_letters + string.digits + "-_")


def jwt():
    import base64
    import json

    def b64(o):
        return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()

    head = b64({"alg": "HS256", "typ": "JWT"})
    body = b64({"sub": digits(8), "name": "mes-svc", "iat": 1790000000 + R.randint(0, 9999999)})
    return f"{head}.{body}.{alnum(43, string.ascii_letters + string.digits + '-_')}"


def pem_block():
    lines = [alnum(64, string.ascii_letters + string.digits + "+/") for _ in range(4)]
    return "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(lines) + "\n-----END RSA PRIVATE KEY-----"


def hexs(n):
    return "".join(R.choice("0123456789abcdef") for _ in range(n))
