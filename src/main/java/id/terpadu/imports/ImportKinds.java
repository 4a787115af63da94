package id.terpadu.imports;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of file the features registered, by name. */
@Component
class ImportKinds {

    private final Map<String, ImportKind> byName;

    ImportKinds(List<ImportKind> kinds) {
        this.byName = kinds.stream().collect(Collectors.toMap(ImportKind::name, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Two import kinds are named " + a.name());
        }, TreeMap::new));
    }

    ImportKind get(String name) {
        ImportKind kind = name == null ? null : byName.get(name.strip().toUpperCase(java.util.Locale.ROOT));
        if (kind == null) {
            throw new FileRefusal(HttpStatus.BAD_REQUEST, "kind", "Unknown kind of file " + (name == null ? "(none given)" : "'" + name + "'")
                    + "; the hub imports " + String.join(", ", byName.keySet()) + ".");
        }
        return kind;
    }

    List<ImportKind> all() {
        return List.copyOf(byName.values());
    }
}
