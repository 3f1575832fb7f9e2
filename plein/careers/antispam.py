"""Keeping spam off the public careers forms without any third party (no CAPTCHA service).

Three measures, each cheap for a person and costly for a bot:

- A rate limit per address (`RateLimit`): what one address (an IPv4 address, an IPv6 /64)
  may store per window, counted in the shared cache (the database cache in embedded mode,
  Redis at scale) under a keyed hash of the address: no address is kept anywhere.
- A honeypot field: a text field hidden from people (and from assistive technology) that
  bots fill in. A filled-in honeypot gets the normal "thank you" and nothing is stored.
- A proof of work: the page's script fetches a signed, expiring challenge and finds a nonce
  whose SHA-256 (of "challenge:nonce") starts with `POW_BITS` zero bits (about a thousand
  hashes with WebCrypto: a fraction of a second on a phone, careers/static/careers/ask.js).
  The server checks the signature, the age, the purpose and the bits, and accepts each
  challenge once. A form sent without a valid proof (no JavaScript, or a bot) is not refused:
  it is held for a person to review.
"""

import hashlib
import hmac
import ipaddress
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest

POW_SALT = "plein.careers.pow"
POW_BITS = 10  # expected 1,024 hashes; see ask.js for the measured time
POW_MAX_AGE = 30 * 60  # seconds a challenge stays valid (time to write a question)
HONEYPOT_FIELD = "website"


def client_address(request: HttpRequest) -> str:
    """The visitor's address: behind the proxy (PLEIN_BEHIND_PROXY) the last address the proxy
    added to X-Forwarded-For, otherwise the connection's. IPv6 counts per /64 (one household or
    one machine can hold a whole /64)."""
    address = request.META.get("REMOTE_ADDR", "") or ""
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1].strip()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _address_key(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class RateLimit:
    """At most `count` per `seconds`, for every (count, seconds) in `windows`."""

    name: str
    windows: tuple[tuple[int, int], ...]

    def _key(self, address: str) -> str:
        return f"plein:careers:rate:{self.name}:{_address_key(address)}"

    def _recent(self, address: str, now: float) -> list[float]:
        longest = max(seconds for _count, seconds in self.windows)
        stamps = cache.get(self._key(address)) or []
        return [stamp for stamp in stamps if now - stamp < longest]

    def retry_after(self, address: str, now: float | None = None) -> int:
        """Seconds until the address may store again; 0 when it may now."""
        now = time.time() if now is None else now
        stamps = self._recent(address, now)
        wait = 0.0
        for count, seconds in self.windows:
            inside = sorted(stamp for stamp in stamps if now - stamp < seconds)
            if len(inside) >= count:
                wait = max(wait, inside[len(inside) - count] + seconds - now)
        return int(wait) + (1 if wait else 0)

    def record(self, address: str, now: float | None = None) -> None:
        """Count one stored item for the address (called after the write commits)."""
        now = time.time() if now is None else now
        stamps = self._recent(address, now)
        stamps.append(now)
        keep = max(count for count, _seconds in self.windows)
        longest = max(seconds for _count, seconds in self.windows)
        cache.set(self._key(address), stamps[-keep:], timeout=longest)


QUESTION_LIMIT = RateLimit("question", ((5, 10 * 60), (20, 24 * 60 * 60)))
ALERT_LIMIT = RateLimit("alert", ((3, 10 * 60), (10, 24 * 60 * 60)))
# Confirmation e-mails per address subscribed: nobody can mail-bomb someone else's inbox.
ALERT_EMAIL_LIMIT = RateLimit("alert-email", ((3, 24 * 60 * 60),))


# --- Proof of work ----------------------------------------------------------------------------


def new_challenge(purpose: str) -> dict[str, object]:
    """A signed challenge for one form (`purpose`, e.g. "question")."""
    token = signing.dumps(
        {"r": secrets.token_hex(12), "b": POW_BITS, "p": purpose}, salt=POW_SALT, compress=False
    )
    return {"challenge": token, "bits": POW_BITS}


def leading_zero_bits(digest: bytes) -> int:
    bits = 0
    for byte in digest:
        if byte == 0:
            bits += 8
            continue
        return bits + 8 - byte.bit_length()
    return bits


def solve(challenge: str, bits: int) -> str:
    """The server's own solver (for tests and scripted checks): the first working nonce."""
    nonce = 0
    while leading_zero_bits(hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()) < bits:
        nonce += 1
    return str(nonce)


def verify_proof(challenge: str, nonce: str, purpose: str) -> bool:
    """True for a fresh, genuine, solved challenge of this purpose, used for the first time."""
    if not challenge or not nonce or len(challenge) > 300 or len(nonce) > 20:
        return False
    try:
        data = signing.loads(challenge, salt=POW_SALT, max_age=POW_MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(data, dict) or data.get("p") != purpose:
        return False
    bits = data.get("b")
    if not isinstance(bits, int) or bits < POW_BITS:
        return False
    digest = hashlib.sha256(f"{challenge}:{nonce}".encode()).digest()
    if leading_zero_bits(digest) < bits:
        return False
    # Single use: the first to add the key wins.
    return bool(cache.add(f"plein:careers:pow:{data.get('r')}", 1, timeout=POW_MAX_AGE + 60))
