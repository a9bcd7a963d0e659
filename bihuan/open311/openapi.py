"""The OpenAPI 3 description of the GeoReport v2 endpoints, for clients and for fuzzing.

Written out by hand, because the endpoints are plain Django views with the format in the
path; the tests check every answer against it (tests/open311/test_openapi.py).
"""

from __future__ import annotations

from typing import Any

PREFIX = "/open311/v2"

_NULLABLE_STRING = {"type": "string", "nullable": True}
_DATETIME = {"type": "string", "format": "date-time"}

SCHEMAS: dict[str, Any] = {
    "Errors": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "Discovery": {
        "type": "object",
        "required": ["changeset", "endpoints"],
        "properties": {
            "changeset": _DATETIME,
            "contact": {"type": "string"},
            "key_service": {"type": "string"},
            "endpoints": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "changeset", "type", "formats"],
                    "properties": {
                        "specification": {"type": "string"},
                        "url": {"type": "string"},
                        "changeset": _DATETIME,
                        "type": {"type": "string", "enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
        },
    },
    "Services": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_code", "service_name", "metadata", "type"],
            "properties": {
                "service_code": {"type": "string"},
                "service_name": {"type": "string"},
                "description": _NULLABLE_STRING,
                "metadata": {"type": "boolean"},
                "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
                "keywords": _NULLABLE_STRING,
                "group": _NULLABLE_STRING,
            },
        },
    },
    "ServiceDefinition": {
        "type": "object",
        "required": ["service_code", "attributes"],
        "properties": {
            "service_code": {"type": "string"},
            "attributes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["variable", "code", "datatype", "required", "order"],
                    "properties": {
                        "variable": {"type": "boolean"},
                        "code": {"type": "string"},
                        "datatype": {
                            "type": "string",
                            "enum": [
                                "string",
                                "number",
                                "datetime",
                                "text",
                                "singlevaluelist",
                                "multivaluelist",
                            ],
                        },
                        "required": {"type": "boolean"},
                        "datatype_description": _NULLABLE_STRING,
                        "order": {"type": "integer"},
                        "description": {"type": "string"},
                        "values": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "key": {"type": "string"},
                                    "name": {"type": "string"},
                                },
                            },
                        },
                    },
                },
            },
        },
    },
    "ServiceRequests": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id", "status", "requested_datetime"],
            "properties": {
                "service_request_id": {"type": "string"},
                "status": {"type": "string", "enum": ["open", "closed"]},
                "status_notes": _NULLABLE_STRING,
                "service_name": _NULLABLE_STRING,
                "service_code": _NULLABLE_STRING,
                "description": _NULLABLE_STRING,
                "agency_responsible": _NULLABLE_STRING,
                "service_notice": _NULLABLE_STRING,
                "requested_datetime": _DATETIME,
                "updated_datetime": {**_DATETIME, "nullable": True},
                "expected_datetime": {**_DATETIME, "nullable": True},
                "address": _NULLABLE_STRING,
                "address_id": _NULLABLE_STRING,
                "zipcode": _NULLABLE_STRING,
                "lat": {"type": "number", "nullable": True},
                "long": {"type": "number", "nullable": True},
                "media_url": _NULLABLE_STRING,
            },
        },
    },
    "Created": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id", "token"],
            "properties": {
                "service_request_id": {"type": "string"},
                "token": {"type": "string"},
                "service_notice": _NULLABLE_STRING,
                "account_id": _NULLABLE_STRING,
            },
        },
    },
    "Token": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["service_request_id", "token"],
            "properties": {
                "service_request_id": {"type": "string"},
                "token": {"type": "string"},
            },
        },
    },
}

_MEDIA = {"json": "application/json", "xml": "text/xml"}


def _content(fmt: str, schema: str) -> dict[str, Any]:
    if fmt == "json":
        return {_MEDIA[fmt]: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}
    return {_MEDIA[fmt]: {"schema": {"type": "string"}}}


def _responses(fmt: str, ok: str, *errors: int) -> dict[str, Any]:
    texts = {
        400: "Bad input (the description says which parameter).",
        403: "Missing, unknown or revoked api_key.",
        404: "Not found.",
        429: "Too many requests from this key or address.",
    }
    responses: dict[str, Any] = {"200": {"description": "OK", "content": _content(fmt, ok)}}
    for code in errors:
        responses[str(code)] = {"description": texts[code], "content": _content(fmt, "Errors")}
    return responses


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", **schema},
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string"},
    }


# An empty value is the same as none.
_DATE_OR_DATETIME = {
    "anyOf": [
        {"type": "string", "format": "date-time"},
        {"type": "string", "format": "date"},
        {"type": "string", "maxLength": 0},
    ]
}

_SEARCH = [
    _query("service_request_id", "Comma-separated ids; when given, every other filter is ignored."),
    _query("service_code", "Comma-separated service codes."),
    {
        **_query(
            "start_date",
            "Earliest requested_datetime; a date alone is the day's start. Default: "
            "end_date - 90 days. A longer range is cut to 90 days from start_date.",
        ),
        "schema": _DATE_OR_DATETIME,
    },
    {
        **_query(
            "end_date",
            "Latest requested_datetime; a date alone is the day's end. Default: now, "
            "or start_date + 90 days.",
        ),
        "schema": _DATE_OR_DATETIME,
    },
    _query(
        "status",
        "open, closed, or both comma-separated; default both.",
        pattern="^((open|closed)(,(open|closed))*)?$",
    ),
]

_SUBMISSION: dict[str, Any] = {
    "type": "object",
    "required": ["service_code", "description"],
    "properties": {
        "api_key": {
            "type": "string",
            "description": "An Open311 key issued by the organisation (here or in the query).",
        },
        "service_code": {"type": "string"},
        "description": {
            "type": "string",
            "maxLength": 4000,
            "description": "What happened (required here).",
        },
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "long": {"type": "number", "minimum": -180, "maximum": 180},
        "address_string": {"type": "string", "maxLength": 200},
        "address_id": {"type": "string", "maxLength": 100},
        "attribute[site]": {"type": "string", "description": "A site code of the definition."},
        "attribute[occurred_at]": _DATE_OR_DATETIME,
        "email": {"type": "string", "format": "email", "maxLength": 254},
        "device_id": {"type": "string", "maxLength": 100},
        "account_id": {"type": "string", "maxLength": 100},
        "first_name": {"type": "string", "maxLength": 50},
        "last_name": {"type": "string", "maxLength": 50},
        "phone": {"type": "string", "maxLength": 32, "pattern": "^\\+?[0-9][0-9 -]{4,22}$"},
        "media_url": {"type": "string", "maxLength": 500},
    },
}

_LOCATION_NOTE = (
    "One location is required: lat and long, address_string, address_id or "
    "attribute[site]. Without a phone or an email the complaint is anonymous, which the "
    "organisation may refuse (400). The contact details are never published."
)


def _operations(fmt: str, submission: dict[str, Any]) -> dict[str, Any]:
    return {
        f"{PREFIX}/discovery.{fmt}": {
            "get": {
                "operationId": f"discovery_{fmt}",
                "summary": "Service discovery",
                "responses": _responses(fmt, "Discovery"),
            }
        },
        f"{PREFIX}/services.{fmt}": {
            "get": {
                "operationId": f"services_{fmt}",
                "summary": "The services (complaint categories)",
                "responses": _responses(fmt, "Services"),
            }
        },
        f"{PREFIX}/services/{{service_code}}.{fmt}": {
            "get": {
                "operationId": f"service_definition_{fmt}",
                "summary": "A service definition: its attributes",
                "parameters": [_path("service_code", "The service's code.")],
                "responses": _responses(fmt, "ServiceDefinition", 404),
            }
        },
        f"{PREFIX}/requests.{fmt}": {
            "get": {
                "operationId": f"requests_{fmt}",
                "summary": "Service requests: at most 1000, newest first, of 90 days at most",
                "parameters": _SEARCH,
                "responses": _responses(fmt, "ServiceRequests", 400),
            },
            "post": {
                "operationId": f"create_request_{fmt}",
                "summary": "File a complaint",
                "description": _LOCATION_NOTE,
                "parameters": [
                    _query("api_key", "The key, if not in the body (this one wins if both).")
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/x-www-form-urlencoded": {"schema": submission}},
                },
                "responses": _responses(fmt, "Created", 400, 403, 429),
            },
        },
        f"{PREFIX}/requests/{{service_request_id}}.{fmt}": {
            "get": {
                "operationId": f"request_{fmt}",
                "summary": "One service request",
                "parameters": [_path("service_request_id", "The tracking code.")],
                "responses": _responses(fmt, "ServiceRequests", 404),
            }
        },
        f"{PREFIX}/tokens/{{token}}.{fmt}": {
            "get": {
                "operationId": f"token_{fmt}",
                "summary": "The service request id of a token",
                "parameters": [_path("token", "The token of a POST requests answer.")],
                "responses": _responses(fmt, "Token", 404),
            }
        },
    }


def _submission(service_codes: list[str] | None, site_codes: list[str] | None) -> dict[str, Any]:
    """The filing form; with the current services and sites as the values allowed."""
    properties = dict(_SUBMISSION["properties"])
    if service_codes:  # (an empty enum would allow nothing)
        properties["service_code"] = {"type": "string", "enum": service_codes}
    if site_codes:
        site = {"type": "string", "enum": site_codes, "description": "A site code."}
        properties["attribute[site]"] = site
    return {**_SUBMISSION, "properties": properties}


def openapi_document(
    *, service_codes: list[str] | None = None, site_codes: list[str] | None = None
) -> dict[str, Any]:
    """The description; given the current codes, service_code and attribute[site] list them."""
    submission = _submission(service_codes, site_codes)
    paths: dict[str, Any] = {}
    for fmt in ("json", "xml"):
        paths.update(_operations(fmt, submission))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bihuan Open311 GeoReport v2",
            "version": "2",
            "description": (
                "A GeoReport v2 server (http://wiki.open311.org/GeoReport_v2) over the "
                "organisation's complaints. Services are complaint categories; a service "
                "request is a complaint filed through Open311, its id the tracking code. "
                "Only complaints filed through Open311 are published, never with contact "
                "details. Every datetime carries its offset. Errors are a list of code and "
                "description."
            ),
        },
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
