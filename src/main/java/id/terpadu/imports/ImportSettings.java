package id.terpadu.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;

/**
 * Limits and storage of imports.
 *
 * @param directory   where uploaded files are kept while their job is not finished (and after,
 *                    for a retry): a job resumes from its file after a restart
 * @param maxFileSize the largest file accepted
 * @param maxRows     the most data rows a file may hold
 */
@ConfigurationProperties("terpadu.imports")
record ImportSettings(
        @DefaultValue("data/imports") Path directory,
        @DefaultValue("64MB") DataSize maxFileSize,
        @DefaultValue("1000000") int maxRows) {
}
