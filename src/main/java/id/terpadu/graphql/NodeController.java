package id.terpadu.graphql;

import id.terpadu.access.Caller;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code node(id:)}: any object with a global ID, of the node types the modules register. */
@Controller
class NodeController {

    private final Map<String, NodeType<?>> types;

    NodeController(List<NodeType<?>> types) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(NodeType::name, Function.identity()));
    }

    @QueryMapping
    Object node(@Argument String id, @ContextValue Caller caller) {
        return GlobalId.decode(id)
                .filter(globalId -> types.containsKey(globalId.type()))
                .flatMap(globalId -> types.get(globalId.type()).find(caller, globalId.id()))
                .orElse(null);
    }
}
