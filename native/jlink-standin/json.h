/*
 * A small JSON scanner for the two shapes this library reads: the stand-in's configuration file and
 * the answers of `matterline sim serve`. It does not build a tree; it walks the text in place. Every
 * function takes a pointer to the first character of a value (leading whitespace allowed) inside a
 * NUL-terminated string and returns NULL / a negative number on malformed input.
 */
#ifndef JLINK_STANDIN_JSON_H
#define JLINK_STANDIN_JSON_H

#include <stddef.h>
#include <stdint.h>

/* The first non-whitespace character at or after p. */
const char *json_skip_ws(const char *p);

/* The character just past the value starting at p, or NULL when it is not well-formed JSON. */
const char *json_skip_value(const char *p);

/* Finds `key` among the members of the object starting at obj. Sets *value to the member's value
 * and returns 1; returns 0 when the key is absent and -1 when obj is not a well-formed object. */
int json_object_get(const char *obj, const char *key, const char **value);

/* Walks an array: call with *cursor = the '[' to get the first item, then again with the same cursor
 * for each next item. Returns 1 with *item set, 0 at the end, -1 when malformed. */
int json_array_next(const char **cursor, const char **item);

/* An unsigned 32-bit integer (no sign, fraction or exponent). 0 on success, -1 otherwise. */
int json_get_u32(const char *value, uint32_t *out);

/* A string, unescaped into out (NUL-terminated; \uXXXX outside ASCII becomes UTF-8). 0 on success,
 * -1 when value is not a string or does not fit in cap bytes. */
int json_get_string(const char *value, char *out, size_t cap);

/* 1 for true, 0 for false, -1 for anything else. */
int json_get_bool(const char *value);

int json_is_null(const char *value);

#endif
