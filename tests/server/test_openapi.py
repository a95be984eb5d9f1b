"""The OpenAPI description says what the server answers: a request that fails validation is a 400
with the error envelope (ErrorBody), never FastAPI's default 422 with HTTPValidationError."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if method in METHODS
    ]


def test_no_operation_documents_a_422_or_its_validation_schema(app_client: TestClient) -> None:
    spec = app_client.get("/openapi.json").json()
    with_422 = [f"{m.upper()} {p}" for p, m, op in _operations(spec) if "422" in op["responses"]]
    assert with_422 == []
    assert not {"HTTPValidationError", "ValidationError"} & set(spec["components"]["schemas"])
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(spec)))
    assert refs <= set(spec["components"]["schemas"]), "a $ref names a schema that is gone"


def test_every_operation_that_validates_input_documents_its_400_envelope(app_client: TestClient) -> None:
    spec = app_client.get("/openapi.json").json()
    validating = [op for _p, _m, op in _operations(spec) if op.get("parameters") or op.get("requestBody")]
    assert len(validating) > 30
    for operation in validating:
        answer = operation["responses"]["400"]
        schema = answer["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorBody"}, operation["operationId"]


def test_a_validation_error_is_answered_as_the_description_says(app_client: TestClient) -> None:
    spec = app_client.get("/openapi.json").json()
    documented = spec["paths"]["/video/{media_id}/thumbnails"]["get"]["responses"]
    answer = app_client.get("/video/m-x/thumbnails", params={"count": 0})
    assert answer.status_code == 400 and str(answer.status_code) in documented
    body = answer.json()
    assert body["success"] is False and body["error_code"] == "invalid_request"
    assert "count" in body["message"]
    error_body = spec["components"]["schemas"]["ErrorBody"]
    assert set(body) == set(error_body["properties"]) == set(error_body["required"])


def test_the_description_is_built_once_and_stays_the_same(app_client: TestClient) -> None:
    first = app_client.get("/openapi.json").json()
    assert app_client.get("/openapi.json").json() == first
