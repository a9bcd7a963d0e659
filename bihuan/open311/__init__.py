"""An Open311 GeoReport v2 server at /open311/v2/.

Decisions the spec leaves open, taken here:

* Services are the active complaint categories (``service_code`` = category code); every
  service has a definition with two optional attributes, ``site`` (our sites) and
  ``occurred_at``.
* POST requests needs an Open311 ``api_key`` (403 otherwise), a known ``service_code``, a
  description (at most 4,000 characters) and one location: ``lat`` and ``long`` together,
  ``address_string``, ``address_id`` or ``attribute[site]``. A request without a phone or
  e-mail is anonymous, which the organisation may refuse. The complaint is registered at
  once by ``complaint_register``, so the answer carries the ``service_request_id`` (the
  tracking code) and also a ``token`` that ``tokens/{token}`` resolves.
* Only complaints filed through Open311 are published: a complaint made at the desk, by
  phone or on the portal is followed on the portal, never by its tracking code alone.
  No name, phone, e-mail or account is ever published; numbers and addresses typed into
  the description are masked.
* ``status`` is open until the complainant has an answer (received, accepted, handling)
  and closed once replied, closed or not accepted; ``status_notes`` is the reply (or the
  reason for not accepting, or the stage while open); ``expected_datetime`` the running
  resolution deadline.
* GET requests: the last 90 days by default, at most 1,000 newest first; a longer range
  is cut to 90 days from ``start_date``; a list of ids overrides every other filter.
* POSTs are rate-limited per key and per client address (cache-based, per hour).
"""
