namespace Cyclone.Core.Workflows.Native;

/// <summary>The JSON Schema (draft 2020-12) of the native workflow format, served at <c>/api/v1/workflow/schema</c>.</summary>
public static class NativeWorkflowSchema
{
    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "$id": "https://cyclone.local/schemas/workflow.json",
          "title": "Cyclone workflow",
          "description": "A DAG of nodes. Each node runs a command, a typed task kind, or waits for an event; edges order nodes or carry data.",
          "type": "object",
          "additionalProperties": false,
          "required": ["nodes"],
          "properties": {
            "name": { "type": "string", "description": "Informational; the name the workflow is published under wins." },
            "description": { "type": "string" },
            "triggers": {
              "type": "object", "additionalProperties": false,
              "properties": { "events": { "type": "array", "items": { "$ref": "#/$defs/eventName" }, "description": "Events that start a run of the newest version." } }
            },
            "nodes": { "type": "array", "maxItems": 200000, "items": { "$ref": "#/$defs/node" } },
            "edges": { "type": "array", "maxItems": 2000000, "items": { "$ref": "#/$defs/edge" } }
          },
          "$defs": {
            "eventName": { "type": "string", "pattern": "^[A-Za-z0-9._:-]{1,200}$" },
            "type": { "enum": ["number", "integer", "string", "boolean", "object", "array", "any"] },
            "ports": {
              "type": "object",
              "additionalProperties": {
                "oneOf": [
                  { "$ref": "#/$defs/type" },
                  { "type": "object", "additionalProperties": false, "properties": { "type": { "$ref": "#/$defs/type" }, "multi": { "type": "boolean" } } }
                ]
              }
            },
            "node": {
              "type": "object",
              "additionalProperties": false,
              "required": ["name"],
              "oneOf": [ { "required": ["command"] }, { "required": ["task"] }, { "required": ["event"] } ],
              "properties": {
                "name": { "type": "string", "minLength": 1, "maxLength": 200, "description": "Unique within the workflow." },
                "command": { "type": "array", "minItems": 1, "items": { "type": "string" }, "description": "Program and arguments. Inputs arrive in $CYCLONE_INPUTS (a JSON file) and CYCLONE_INPUT_<NAME>; outputs are a JSON object written to $CYCLONE_OUTPUTS." },
                "task": { "type": "string", "description": "A node kind from the hub's catalog, e.g. math.Power." },
                "event": { "$ref": "#/$defs/eventName", "description": "Wait for this event; its data becomes output 'data'. An event node has no incoming edges." },
                "inputs": { "type": "object", "description": "Fixed input values." },
                "inputPorts": { "$ref": "#/$defs/ports", "description": "Inputs a command node takes from data edges." },
                "outputs": { "$ref": "#/$defs/ports", "description": "Outputs a command node reports." },
                "nodes": { "type": "integer", "minimum": 1, "maximum": 10000, "default": 1 },
                "procs": { "type": "integer", "minimum": 1, "maximum": 10000, "default": 1 },
                "cpus": { "type": "integer", "minimum": 1, "maximum": 10000, "default": 1 },
                "memory": { "type": "string", "description": "Per node, Slurm notation: 512M, 4G." },
                "gpus": { "type": "integer", "minimum": 0, "maximum": 1024, "default": 0 },
                "timeLimit": { "type": "string", "description": "Slurm formats: minutes, h:m:s, d-h:m:s." },
                "retries": { "type": "integer", "minimum": 0, "maximum": 100, "default": 0 },
                "priority": { "type": "integer", "default": 0 },
                "labels": { "type": "array", "items": { "type": "string" } },
                "workdir": { "type": "string", "description": "Absolute path." },
                "env": { "type": "object", "additionalProperties": { "type": "string" } }
              }
            },
            "edge": {
              "type": "object",
              "additionalProperties": false,
              "required": ["from", "to"],
              "properties": {
                "from": { "type": "string" },
                "to": { "type": "string" },
                "condition": { "enum": ["afterok", "afterany", "afternotok"], "default": "afterok" },
                "output": { "type": "string", "description": "With input: a data edge carrying this output of 'from'." },
                "input": { "type": "string", "description": "With output: the input of 'to' that receives it." }
              }
            }
          }
        }
        """;
}
