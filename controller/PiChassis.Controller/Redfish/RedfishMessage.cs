using System.Text.Json.Nodes;

namespace PiChassis.Controller.Redfish;

/// <summary>One message of DMTF's Base registry (<see cref="RedfishSchemas.BaseRegistry"/>), with its arguments and text.</summary>
public sealed record RedfishMessage(string Id, string Text, string Severity, string Resolution, params string[] Args)
{
    public static RedfishMessage ResourceNotFound(string type, string id) =>
        new("ResourceNotFound", $"The requested resource of type {type} named '{id}' was not found.", "Critical", "Provide a valid resource identifier and resubmit the request.", type, id);

    public static RedfishMessage MalformedJson(string detail) =>
        new("MalformedJSON", $"The request body submitted was malformed JSON and could not be parsed by the receiving service: {detail}", "Critical", "Ensure that the request body is valid JSON and resubmit the request.");

    public static RedfishMessage PropertyUnknown(string property) =>
        new("PropertyUnknown", $"The property {property} is not in the list of valid properties for the resource.", "Warning", "Remove the unknown property from the request body and resubmit the request if the operation failed.", property);

    public static RedfishMessage PropertyNotWritable(string property) =>
        new("PropertyNotWritable", $"The property {property} is a read-only property and cannot be assigned a value.", "Warning", "Remove the property from the request body and resubmit the request if the operation failed.", property);

    public static RedfishMessage PropertyValueTypeError(string value, string property) =>
        new("PropertyValueTypeError", $"The value {value} for the property {property} is not a type that the property can accept.", "Warning", "Correct the value for the property in the request body and resubmit the request if the operation failed.", value, property);

    public static RedfishMessage PropertyValueFormatError(string value, string property) =>
        new("PropertyValueFormatError", $"The value {value} for the property {property} is not a format that the property can accept.", "Warning", "Correct the value for the property in the request body and resubmit the request if the operation failed.", value, property);

    public static RedfishMessage PropertyMissing(string property) =>
        new("PropertyMissing", $"The property {property} is a required property and must be included in the request.", "Warning", "Ensure that the property is in the request body and has a valid value and resubmit the request if the operation failed.", property);

    public static RedfishMessage PropertyValueNotInList(string value, string property, string why) =>
        new("PropertyValueNotInList", $"The value {value} for the property {property} is not in the list of acceptable values: {why}", "Warning", "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.", value, property);

    public static RedfishMessage ActionParameterMissing(string action, string parameter) =>
        new("ActionParameterMissing", $"The action {action} requires the parameter {parameter} to be present in the request body.", "Critical", "Supply the action with the required parameter in the request body when the request is resubmitted.", action, parameter);

    public static RedfishMessage ActionParameterNotSupported(string parameter, string action) =>
        new("ActionParameterNotSupported", $"The parameter {parameter} for the action {action} is not supported on the target resource.", "Warning", "Remove the parameter supplied and resubmit the request if the operation failed.", parameter, action);

    public static RedfishMessage ActionParameterValueTypeError(string value, string parameter, string action) =>
        new("ActionParameterValueTypeError", $"The value {value} for the parameter {parameter} in the action {action} is of a different type than the parameter can accept.", "Warning", "Correct the value for the parameter in the request body and resubmit the request if the operation failed.", value, parameter, action);

    public static RedfishMessage ActionParameterValueNotInList(string value, string parameter, string action) =>
        new("ActionParameterValueNotInList", $"The value {value} for the parameter {parameter} in the action {action} is not in the list of acceptable values.", "Warning", "Choose a value from the enumeration list that the implementation can support and resubmit the request if the operation failed.", value, parameter, action);

    public static RedfishMessage QueryParameterValueTypeError(string value, string parameter) =>
        new("QueryParameterValueTypeError", $"The value {value} for the query parameter {parameter} is not a type that the parameter can accept.", "Warning", "Correct the value for the query parameter in the request and resubmit the request if the operation failed.", value, parameter);

    public static RedfishMessage InsufficientPrivilege() =>
        new("InsufficientPrivilege", "There are insufficient privileges for the account or credentials associated with the current session to perform the requested operation.", "Critical", "Either abandon the operation or change the associated access rights and resubmit the request if the operation failed.");

    public static RedfishMessage NoValidSession() =>
        new("NoValidSession", "There is no valid session established with the implementation.", "Critical", "Establish a session before attempting any operations.");

    public static RedfishMessage ResourceAtUriUnauthorized(string uri, string why) =>
        new("ResourceAtUriUnauthorized", $"While accessing the resource at {uri}, the service received an authorization error {why}.", "Critical", "Ensure that the appropriate access is provided for the service in order for it to access the URI.", uri, why);

    public static RedfishMessage PreconditionFailed() =>
        new("PreconditionFailed", "The ETag supplied did not match the ETag required to change this resource.", "Critical", "Try the operation again using the appropriate ETag.");

    public static RedfishMessage OperationNotAllowed(string why) =>
        new("OperationNotAllowed", $"The HTTP method is not allowed on this resource: {why}", "Critical", "None.");

    public static RedfishMessage SessionLimitExceeded(string limits) =>
        new("SessionLimitExceeded", $"The session establishment failed due to the number of simultaneous sessions exceeding the limit of the implementation ({limits}).", "Critical", "Reduce the number of other sessions before trying to establish the session or increase the limit of simultaneous sessions, if supported.");

    public static RedfishMessage ServiceTemporarilyUnavailable(string why) =>
        new("ServiceTemporarilyUnavailable", $"The service is temporarily unavailable: {why}", "Critical", "Wait for the indicated retry duration and retry the operation.", "1");

    public static RedfishMessage GeneralError(string why) =>
        new("GeneralError", $"A general error has occurred: {why}", "Critical", "None.");

    public JsonObject ToJson() => new()
    {
        ["@odata.type"] = "#Message.v1_1_2.Message",
        ["MessageId"] = $"{RedfishSchemas.BaseRegistry}.{Id}",
        ["Message"] = Text,
        ["MessageArgs"] = new JsonArray([.. Args.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["MessageSeverity"] = Severity,
        [nameof(Resolution)] = Resolution,
    };
}
