"""Request and response bodies of the Perspective-compatible API (pydantic v2).

The field names are Perspective's (camelCase, as its clients send them). Request models
ignore fields we do not read (Perspective clients send `communityId`, `sessionId` and
future fields freely); the same models validate the traffic and generate the OpenAPI
document served at `/v1alpha1/openapi.json`.
"""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "AnalyzeRequest",
    "AnalyzeResponse",
    "AttributeParameters",
    "ErrorBody",
    "SuggestRequest",
    "SuggestResponse",
]

#: Perspective's limit on `comment.text`, in UTF-8 bytes.
MAX_TEXT_BYTES = 20_480


class _Request(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True)


class TextEntry(_Request):
    text: str | None = Field(None, description=f"The comment, at most {MAX_TEXT_BYTES} UTF-8 "
                             "bytes; scored as sent, never changed.")
    type: Literal["PLAIN_TEXT", "HTML"] | None = Field(
        None, description="PLAIN_TEXT (default). HTML is refused with 400, as Perspective does.")


class AttributeParameters(_Request):
    scoreType: Literal["PROBABILITY"] | None = Field(
        None, description="Only PROBABILITY is supported (the default).")
    scoreThreshold: float | None = Field(
        None, ge=0.0, le=1.0, description="Scores below this are left out of the response.")


class Context(_Request):
    model_config = ConfigDict(extra="allow", strict=True)
    entries: list[dict[str, Any]] | None = None


class AnalyzeRequest(_Request):
    comment: TextEntry | None = None
    requestedAttributes: dict[str, AttributeParameters] | None = Field(
        None, description="Attribute name -> parameters; at least one.")
    languages: list[str] | None = Field(None, description="ISO 639-1 codes; we cover `en`.")
    doNotStore: bool = Field(False, description="Nothing of the request is stored or logged "
                             "(analyze never stores the text anyway).")
    clientToken: str | None = Field(None, description="Echoed in the response.")
    sessionId: str | None = None
    communityId: str | None = None
    spanAnnotations: bool = Field(False, description="Return spanScores from our evidence.")
    context: Context | None = Field(None, description="Accepted and ignored.")


class Score(BaseModel):
    value: float
    type: Literal["PROBABILITY"] = "PROBABILITY"


class SpanScore(BaseModel):
    begin: int = Field(description="Start, in code points of comment.text.")
    end: int = Field(description="End (exclusive), in code points of comment.text.")
    score: Score


class AttributeScores(BaseModel):
    summaryScore: Score
    spanScores: list[SpanScore] | None = None


class AnalyzeResponse(BaseModel):
    attributeScores: dict[str, AttributeScores]
    languages: list[str]
    detectedLanguages: list[str]
    clientToken: str | None = None


class SuggestedScore(_Request):
    summaryScore: Score


class SuggestRequest(_Request):
    comment: TextEntry | None = None
    context: Context | None = None
    attributeScores: dict[str, SuggestedScore] | None = Field(
        None, description="Attribute name -> the score the moderator suggests (0 or 1).")
    languages: list[str] | None = None
    communityId: str | None = None
    clientToken: str | None = None
    sessionId: str | None = None
    doNotStore: bool = Field(False, description="Store the suggestion without its text.")


class SuggestResponse(BaseModel):
    clientToken: str | None = None
    requestedLanguages: list[str] | None = None
    detectedLanguages: list[str] | None = None


class ErrorDetail(BaseModel):
    code: int
    message: str
    status: Literal["INVALID_ARGUMENT", "PERMISSION_DENIED", "NOT_FOUND", "RESOURCE_EXHAUSTED",
                    "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE"]
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail
