package id.terpadu.access;

import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;

import java.util.List;
import java.util.Map;

/**
 * The whole HTTP answer of the hub to one GraphQL request: its status, its body as sent, and
 * JSONPath access to data and errors, so a test can check what a caller got and what it did not.
 */
record Answer(int status, String body) {

    private static final Configuration LENIENT = Configuration.defaultConfiguration()
            .addOptions(Option.DEFAULT_PATH_LEAF_TO_NULL, Option.SUPPRESS_EXCEPTIONS);

    private DocumentContext json() {
        return JsonPath.using(LENIENT).parse(body);
    }

    /** The value at a JSONPath of the whole answer ({@code $.data.household.kk}); null when absent. */
    <T> T at(String path) {
        return json().read(path);
    }

    /** The value at a path below {@code data} ({@code household.kk}); null when absent. */
    <T> T data(String path) {
        return at("$.data." + path);
    }

    boolean hasData() {
        Map<String, Object> data = at("$.data");
        return data != null && data.values().stream().anyMatch(value -> value != null);
    }

    List<Map<String, Object>> errors() {
        List<Map<String, Object>> errors = at("$.errors");
        return errors == null ? List.of() : errors;
    }

    /** The classification of each error: FORBIDDEN, NOT_FOUND, ValidationError … */
    List<String> classifications() {
        List<String> classifications = at("$.errors[*].extensions.classification");
        return classifications == null ? List.of() : classifications;
    }

    /** The input field each error names, when it names one. */
    List<String> errorFields() {
        List<String> fields = at("$.errors[*].extensions.field");
        return fields == null ? List.of() : fields;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
