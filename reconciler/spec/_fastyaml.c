/* The fast path of stage 1b (yamlread.py): libyaml's events -> plain data and positions.
 *
 * PyYAML's C loader builds a Python node object and two mark objects for every value,
 * then our builder walks those nodes: two thirds of the time of loading a spec, and a
 * quarter of a whole plan's CPU. This reader builds the dicts, lists and strings straight
 * from libyaml's events, for the files that need nothing more than that.
 *
 * It declines (returns None) as soon as a file uses anything else: anchors, aliases,
 * tags, directives, merge keys, duplicate keys, non-text keys, more than one document,
 * a top level that is not a mapping, nesting deeper than the limit, or any parse error.
 * The caller then reads the file with PyYAML (yamlread.py), which stays the reference
 * and reports every problem with its position. The meaning of a plain scalar (true, 12,
 * 1.5, null ...) is not decided here either: a Python callable decides it, with PyYAML's
 * own resolver and constructor, and its answers are remembered in a dict given here.
 *
 * read(text, plain, known, may_resolve, decline, max_depth)
 *   text         the file's text (str)
 *   plain        callable(str) -> the value of a plain scalar, or `decline`
 *   known        dict str -> value: plain scalars already decided (read first)
 *   may_resolve  bytes of 256 flags: whether a plain scalar starting with that byte may be
 *                anything but text (PyYAML's implicit resolvers' first characters)
 *   decline      the sentinel `plain` returns for a value this reader must leave alone
 *   max_depth    the deepest nesting read here
 * -> (data, value positions, key positions, holds a float) or None.
 * Positions map dotted paths ("questions.0.question") to (line, column), from 1, as
 * yamlbuild.NodePositions does for the nodes PyYAML builds.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <yaml.h>

enum outcome { FAILED = -1, DECLINED = 0, READ = 1 };

typedef struct {
    yaml_parser_t parser;
    yaml_event_t event;
    int has_event;
    PyObject *values;    /* path -> position of the value */
    PyObject *keys;      /* path -> position of the key */
    PyObject *plain;
    PyObject *known;
    const char *may_resolve;
    PyObject *decline;
    int max_depth;
    int depth;
    int holds_float;
} Reader;

static enum outcome next_event(Reader *reader) {
    if (reader->has_event) {
        yaml_event_delete(&reader->event);
        reader->has_event = 0;
    }
    if (!yaml_parser_parse(&reader->parser, &reader->event)) {
        return DECLINED; /* PyYAML reports the error, with its position */
    }
    reader->has_event = 1;
    return READ;
}

static enum outcome note_position(PyObject *positions, PyObject *path, yaml_mark_t mark) {
    PyObject *position = PyTuple_New(2);
    if (position == NULL) {
        return FAILED;
    }
    PyObject *line = PyLong_FromSize_t(mark.line + 1);
    PyObject *column = PyLong_FromSize_t(mark.column + 1);
    PyTuple_SET_ITEM(position, 0, line); /* a NULL item is released safely below */
    PyTuple_SET_ITEM(position, 1, column);
    if (line == NULL || column == NULL) {
        Py_DECREF(position);
        return FAILED;
    }
    int failed = PyDict_SetItem(positions, path, position);
    Py_DECREF(position);
    return failed ? FAILED : READ;
}

static PyObject *scalar_text(const yaml_event_t *event) {
    return PyUnicode_DecodeUTF8((const char *)event->data.scalar.value,
                                (Py_ssize_t)event->data.scalar.length, "strict");
}

/* The value of the scalar event in hand (no tag, no anchor: checked by the caller). */
static PyObject *scalar_value(Reader *reader, enum outcome *outcome) {
    const yaml_event_t *event = &reader->event;
    PyObject *text = scalar_text(event);
    if (text == NULL) {
        *outcome = FAILED;
        return NULL;
    }
    if (event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) {
        return text; /* quoted, literal and folded scalars are always text */
    }
    size_t length = event->data.scalar.length;
    if (length > 0 && !reader->may_resolve[event->data.scalar.value[0]]) {
        return text; /* no implicit resolver starts with this character */
    }
    PyObject *value = PyDict_GetItemWithError(reader->known, text);
    if (value != NULL) {
        Py_INCREF(value);
    } else if (PyErr_Occurred()) {
        Py_DECREF(text);
        *outcome = FAILED;
        return NULL;
    } else {
        value = PyObject_CallOneArg(reader->plain, text);
    }
    Py_DECREF(text);
    if (value == NULL) {
        *outcome = FAILED;
        return NULL;
    }
    if (value == reader->decline) {
        Py_DECREF(value);
        *outcome = DECLINED;
        return NULL;
    }
    if (PyFloat_CheckExact(value)) {
        reader->holds_float = 1;
    }
    return value;
}

static PyObject *node_value(Reader *reader, PyObject *path, enum outcome *outcome);

/* The prefix of a collection's children's paths: "path.", except that a mapping's
 * children under the empty path (the top level, or a "" key) have none, as DataBuilder's. */
static PyObject *children_prefix(PyObject *path, int mapping) {
    if (mapping && PyUnicode_GET_LENGTH(path) == 0) {
        Py_INCREF(path);
        return path;
    }
    static PyObject *dot = NULL; /* made once, kept for the process */
    if (dot == NULL && (dot = PyUnicode_InternFromString(".")) == NULL) {
        return NULL;
    }
    return PyUnicode_Concat(path, dot);
}

/* The path of the child named `name` (a key, or a list index's text) under `prefix`. */
static PyObject *child_path(PyObject *prefix, PyObject *name) {
    if (PyUnicode_GET_LENGTH(prefix) == 0) {
        Py_INCREF(name);
        return name;
    }
    return PyUnicode_Concat(prefix, name);
}

/* Reads the node whose first event is in hand, its path `path`, into `container`: a dict
 * under `key`, or a list when `key` is NULL. */
static enum outcome read_child(Reader *reader, PyObject *container, PyObject *key,
                               PyObject *path) {
    enum outcome outcome = READ;
    PyObject *value = node_value(reader, path, &outcome);
    if (value == NULL) {
        return outcome;
    }
    int failed = key != NULL ? PyDict_SetItem(container, key, value)
                             : PyList_Append(container, value);
    Py_DECREF(value);
    return failed ? FAILED : READ;
}

/* The text of a list index: specs use the same few, made once each. */
static PyObject *index_text(Py_ssize_t index) {
    static PyObject *made[256];
    if (index >= 256) {
        return PyUnicode_FromFormat("%zd", index);
    }
    if (made[index] == NULL && (made[index] = PyUnicode_FromFormat("%zd", index)) == NULL) {
        return NULL;
    }
    Py_INCREF(made[index]);
    return made[index];
}

/* One key (its scalar event in hand) and its value, into the dict `result`. */
static enum outcome read_entry(Reader *reader, PyObject *result, PyObject *prefix) {
    yaml_event_t *event = &reader->event;
    if (event->type != YAML_SCALAR_EVENT || event->data.scalar.anchor != NULL ||
        event->data.scalar.tag != NULL) {
        return DECLINED; /* keys that are not plain text, or carry tags */
    }
    if (event->data.scalar.length == 2 && memcmp(event->data.scalar.value, "<<", 2) == 0) {
        return DECLINED; /* a merge key (when plain): PyYAML merges */
    }
    PyObject *key = scalar_text(event);
    if (key == NULL) {
        return FAILED;
    }
    /* the same few dozen names recur in every file, and thousands are held at once */
    PyUnicode_InternInPlace(&key);
    int seen = PyDict_Contains(result, key);
    if (seen != 0) {
        Py_DECREF(key);
        return seen < 0 ? FAILED : DECLINED; /* PyYAML's path reports duplicates */
    }
    PyObject *child = child_path(prefix, key);
    enum outcome outcome = FAILED;
    if (child != NULL && note_position(reader->keys, child, event->start_mark) == READ &&
        (outcome = next_event(reader)) == READ) {
        outcome = read_child(reader, result, key, child);
    }
    Py_XDECREF(child);
    Py_DECREF(key);
    return outcome;
}

/* The item at `index` (its first event in hand), onto the list `result`. */
static enum outcome read_item(Reader *reader, PyObject *result, PyObject *prefix,
                              Py_ssize_t index) {
    PyObject *number = index_text(index);
    PyObject *child = number == NULL ? NULL : child_path(prefix, number);
    Py_XDECREF(number);
    if (child == NULL) {
        return FAILED;
    }
    enum outcome outcome = read_child(reader, result, NULL, child);
    Py_DECREF(child);
    return outcome;
}

/* The mapping or list whose start event is in hand; `path` is "" for the top level. */
static PyObject *collection_value(Reader *reader, PyObject *path, int mapping,
                                  enum outcome *outcome) {
    PyObject *prefix = children_prefix(path, mapping);
    PyObject *result = prefix == NULL ? NULL : mapping ? PyDict_New() : PyList_New(0);
    if (result == NULL) {
        Py_XDECREF(prefix);
        *outcome = FAILED;
        return NULL;
    }
    yaml_event_type_t end = mapping ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
    for (Py_ssize_t index = 0;; index++) {
        if ((*outcome = next_event(reader)) != READ) {
            break;
        }
        if (reader->event.type == end) {
            Py_DECREF(prefix);
            return result;
        }
        *outcome = mapping ? read_entry(reader, result, prefix)
                           : read_item(reader, result, prefix, index);
        if (*outcome != READ) {
            break;
        }
    }
    Py_DECREF(prefix);
    Py_DECREF(result);
    return NULL;
}

/* The value of the node whose first event is in hand, its position noted under `path`. */
static PyObject *node_value(Reader *reader, PyObject *path, enum outcome *outcome) {
    yaml_event_t *event = &reader->event;
    if ((*outcome = note_position(reader->values, path, event->start_mark)) != READ) {
        return NULL;
    }
    switch (event->type) {
    case YAML_SCALAR_EVENT:
        if (event->data.scalar.anchor != NULL || event->data.scalar.tag != NULL) {
            break;
        }
        return scalar_value(reader, outcome);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        int sequence = event->type == YAML_SEQUENCE_START_EVENT;
        if ((sequence ? event->data.sequence_start.anchor : event->data.mapping_start.anchor) !=
                NULL ||
            (sequence ? event->data.sequence_start.tag : event->data.mapping_start.tag) != NULL ||
            reader->depth >= reader->max_depth) {
            break;
        }
        reader->depth++;
        PyObject *value = collection_value(reader, path, !sequence, outcome);
        reader->depth--;
        return value;
    }
    default: /* an alias */
        break;
    }
    *outcome = DECLINED;
    return NULL;
}

static enum outcome expect(Reader *reader, yaml_event_type_t type) {
    enum outcome outcome = next_event(reader);
    if (outcome == READ && reader->event.type != type) {
        return DECLINED;
    }
    return outcome;
}

/* The whole stream: one document without directives whose top level is a mapping. */
static PyObject *read_stream(Reader *reader, enum outcome *outcome) {
    if ((*outcome = expect(reader, YAML_STREAM_START_EVENT)) != READ ||
        (*outcome = expect(reader, YAML_DOCUMENT_START_EVENT)) != READ) {
        return NULL;
    }
    const yaml_event_t *start = &reader->event;
    if (start->data.document_start.version_directive != NULL ||
        start->data.document_start.tag_directives.start !=
            start->data.document_start.tag_directives.end) {
        *outcome = DECLINED;
        return NULL;
    }
    if ((*outcome = expect(reader, YAML_MAPPING_START_EVENT)) != READ) {
        return NULL;
    }
    yaml_event_t *event = &reader->event;
    if (event->data.mapping_start.anchor != NULL || event->data.mapping_start.tag != NULL) {
        *outcome = DECLINED;
        return NULL;
    }
    PyObject *top = PyUnicode_FromStringAndSize("", 0);
    if (top == NULL) {
        *outcome = FAILED;
        return NULL;
    }
    reader->depth = 0; /* as DataBuilder counts: the collections below the top level */
    PyObject *data = collection_value(reader, top, 1, outcome);
    Py_DECREF(top);
    if (data == NULL) {
        return NULL;
    }
    if ((*outcome = expect(reader, YAML_DOCUMENT_END_EVENT)) != READ ||
        (*outcome = expect(reader, YAML_STREAM_END_EVENT)) != READ) {
        Py_DECREF(data);
        return NULL;
    }
    return data;
}

static PyObject *fastyaml_read(PyObject *Py_UNUSED(module), PyObject *args) {
    PyObject *text, *plain, *known, *decline;
    Py_buffer may_resolve;
    int max_depth;
    if (!PyArg_ParseTuple(args, "UOO!y*Oi:read", &text, &plain, &PyDict_Type, &known,
                          &may_resolve, &decline, &max_depth)) {
        return NULL;
    }
    if (may_resolve.len != 256) {
        PyBuffer_Release(&may_resolve);
        PyErr_SetString(PyExc_ValueError, "may_resolve must hold 256 flags");
        return NULL;
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &size);
    if (utf8 == NULL) {
        PyBuffer_Release(&may_resolve);
        if (PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
            PyErr_Clear(); /* lone surrogates: whatever PyYAML makes of them */
            Py_RETURN_NONE;
        }
        return NULL;
    }
    Reader reader;
    memset(&reader, 0, sizeof reader);
    reader.values = PyDict_New();
    reader.keys = PyDict_New();
    if (reader.values == NULL || reader.keys == NULL || !yaml_parser_initialize(&reader.parser)) {
        Py_XDECREF(reader.values);
        Py_XDECREF(reader.keys);
        PyBuffer_Release(&may_resolve);
        return PyErr_Occurred() ? NULL : PyErr_NoMemory();
    }
    yaml_parser_set_input_string(&reader.parser, (const unsigned char *)utf8, (size_t)size);
    reader.plain = plain;
    reader.known = known;
    reader.may_resolve = may_resolve.buf;
    reader.decline = decline;
    reader.max_depth = max_depth;

    enum outcome outcome = READ;
    PyObject *data = read_stream(&reader, &outcome);

    if (reader.has_event) {
        yaml_event_delete(&reader.event);
    }
    yaml_parser_delete(&reader.parser);
    PyBuffer_Release(&may_resolve);
    PyObject *result = NULL;
    if (data != NULL) {
        result = Py_BuildValue("(NNNO)", data, reader.values, reader.keys,
                               reader.holds_float ? Py_True : Py_False);
        return result; /* "N" took the three references, even on failure */
    }
    Py_DECREF(reader.values);
    Py_DECREF(reader.keys);
    if (outcome == FAILED) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef fastyaml_methods[] = {
    {"read", fastyaml_read, METH_VARARGS,
     "read(text, plain, known, may_resolve, decline, max_depth) -> (data, value positions, "
     "key positions, holds a float) or None when the file needs PyYAML."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fastyaml_module = {
    PyModuleDef_HEAD_INIT, "_fastyaml",
    "libyaml's events -> plain data and positions, for the spec files that need no more.",
    -1, fastyaml_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__fastyaml(void) { return PyModule_Create(&fastyaml_module); }
