package org.sisbridge.staging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The migrations installed schemas have applied are never edited: Flyway validates each one's
 * checksum at every start, so one changed byte (even to silence MariaDB's "Name 'pk_…' ignored for
 * PRIMARY key" note) would stop every installed agent. New MySQL/MariaDB migrations write the DDL
 * MariaDB expects: an unnamed {@code PRIMARY KEY}.
 */
class MigrationFilesTest {

    private static final Path MIGRATIONS = Path.of(System.getProperty("sisbridge.home", "."), "src/main/resources/db/migration");

    /** SHA-256 of every migration released so far (V1–V11 of each database). */
    private static final Map<String, String> RELEASED = Map.ofEntries(Stream.of(new String[][] {
            {"h2/V1__events_staging.sql", "a7755d1bf04e517d6a4e35791734086baf721148d2fe591e2a7e31c16e4ca2ca"},
            {"h2/V2__reject_context.sql", "4707563eb8e9f73906e1765fecc42e9fd8bcbb0cf31b80c85fcba60579448e17"},
            {"h2/V3__reports_staging.sql", "f77b7e2e285b256a6c0a6a11fdb0e7ac1b672a7640724c1b0ee9e09fd1652cfd"},
            {"h2/V4__roster_staging.sql", "d270394e8f2bd41b835f43cd5b87da1b42842a718f7f675fd6dda764b848f403"},
            {"h2/V5__flow_run.sql", "681e1061c5c756e5bb0cb8ac29626f5025b7a20e3fd34ea7d9e9290d7d7b554c"},
            {"mysql/V1__events_staging.sql", "f4f82d404501eae15a624acf40f47c0f859fe4dc3b5bd4e905198b792c68c87d"},
            {"mysql/V2__reject_context.sql", "4707563eb8e9f73906e1765fecc42e9fd8bcbb0cf31b80c85fcba60579448e17"},
            {"mysql/V3__reports_staging.sql", "4a7bc156a098135bc90391ae7fa4a9285dc682deb8a19e87c110c9e8b649ff86"},
            {"mysql/V4__roster_staging.sql", "64bf4df86b8ee0c31fffcd1a58e579f0a7fe6d364ccdf63b9280d12c8fe66da6"},
            {"mysql/V5__flow_run.sql", "aba4f29d81dd5d05e4efc7bf01f1c8535aad934189acde3afd51758bb544c6b7"},
            {"oracle/V1__events_staging.sql", "7fa3ed1b45716e0e9115c8a18bfca40240b44c9379fcf1ba53a8a6dfdfddf802"},
            {"oracle/V2__reject_context.sql", "e494fc8d77bd84ea832a1fbd1d6cdfb40f2b22b2ca8fea29a75f90878d0cff04"},
            {"oracle/V3__reports_staging.sql", "fd713664f8a9bddd3a797cc5f44d57e01b73b4420ad73d178bf77e187ce8547f"},
            {"oracle/V4__roster_staging.sql", "c43d81ff5c7c95f1cba987443c83e820ef0175d1e30c5df06ba28dd6982e6bab"},
            {"oracle/V5__flow_run.sql", "17d8431b5c974fa11b59f4e4a5440a2308fd8dc69e22c9e89e755a0fcfad6094"},
            {"postgresql/V1__events_staging.sql", "281c0de524f3dd183dbf9a56d983f3ab24d663c17355189edc5008866c39f580"},
            {"postgresql/V2__reject_context.sql", "4707563eb8e9f73906e1765fecc42e9fd8bcbb0cf31b80c85fcba60579448e17"},
            {"postgresql/V3__reports_staging.sql", "f77b7e2e285b256a6c0a6a11fdb0e7ac1b672a7640724c1b0ee9e09fd1652cfd"},
            {"postgresql/V4__roster_staging.sql", "d270394e8f2bd41b835f43cd5b87da1b42842a718f7f675fd6dda764b848f403"},
            {"postgresql/V5__flow_run.sql", "681e1061c5c756e5bb0cb8ac29626f5025b7a20e3fd34ea7d9e9290d7d7b554c"},
            {"sqlserver/V1__events_staging.sql", "05acc89f5a8be44f0498a68853f51af2a710f75c08eae586242a35af37422874"},
            {"sqlserver/V2__reject_context.sql", "d9ef6ccf5a15ac0f953a21d1d4e16478184b9340fbeef4f159c5f142d1ae08a3"},
            {"sqlserver/V3__reports_staging.sql", "439e9d26432b28291618c97c4869c4be702e9bcd515d78ce8fbfcf75802f6680"},
            {"sqlserver/V4__roster_staging.sql", "15a85c05bc6b72c4c862354d25d53b3cf06e4273bcfd0814183f9c1f0b3a8905"},
            {"sqlserver/V5__flow_run.sql", "dddd3ed63a5cb42f73f7af0c1920c31f73f09991f4b32efc569ec0c216953f92"},
            {"h2/V6__roster_file_encoding.sql", "86161cf8f41ed62f1410bcb96a9f4c05681e001b0ca76e1e72b2a3b1221d29f6"},
            {"mysql/V6__roster_file_encoding.sql", "8724b17fad72763173287a207bee087015aa199bd37f4c9a0ca2b7ccfff6cb62"},
            {"oracle/V6__roster_file_encoding.sql", "e21fd6506d63687e3457647878f6bb8d098f6e26faa234429753f8cf10d2c563"},
            {"postgresql/V6__roster_file_encoding.sql", "8724b17fad72763173287a207bee087015aa199bd37f4c9a0ca2b7ccfff6cb62"},
            {"sqlserver/V6__roster_file_encoding.sql", "3d9d7e95ab7fcc33ab1bbed3da770acdb20df60d9389b6b02eee097b73953004"},
            {"h2/V10__digest.sql", "0fbf43848fb917779a7d995be03a154bb727412fb7bbecdb4d4d7bbebf13e292"},
            {"h2/V7__roster_source.sql", "05f8303f45e983478b3d304b261c02bd155e2d095b5d6bf505fa601824ee903a"},
            {"h2/V8__result_write_back.sql", "69b6252c6e628a2b472f8379cf3bd690e40119ce49cbd949976b1c0b01e93064"},
            {"h2/V9__reconcile.sql", "b4212634f7436d6bd9a69bae75fa9082ff426aff6c632b09fee561ccf3ed33ea"},
            {"mysql/V10__digest.sql", "c3f2115a52d492fdaf509bdc2955f995abac0c5e66b901a42447c98c070e615a"},
            {"mysql/V7__roster_source.sql", "7c0bc2eaa5b963e4ef3626eef31820a1c9d6f050f7741483fa66cccbb8bf1076"},
            {"mysql/V8__result_write_back.sql", "b4d841a7ab1f9151c89b220fa9d333ca7e567c2ead76b89992f60503d0f9d988"},
            {"mysql/V9__reconcile.sql", "d1fa5aa40939280027bc6771bf856d25a711fb0c28784fcae57fd149a6382951"},
            {"oracle/V10__digest.sql", "ec81754fe1bd093f519cb2f2f7b2c58dd3120da37fabc7145d5b8f738352f004"},
            {"oracle/V7__roster_source.sql", "558cb3264a9e46d1f0e4cdbb62c543bdbc32e8d5fa421554c405abd344107883"},
            {"oracle/V8__result_write_back.sql", "c96f747807284650bb85b1bf32667ee437d0e4cb7ee08438f3e287425fbc601c"},
            {"oracle/V9__reconcile.sql", "195879fe7084b138b3982c226c0f9d2de671b1f89e4565d0ed82f4c2d0d979b1"},
            {"postgresql/V10__digest.sql", "0fbf43848fb917779a7d995be03a154bb727412fb7bbecdb4d4d7bbebf13e292"},
            {"postgresql/V7__roster_source.sql", "05f8303f45e983478b3d304b261c02bd155e2d095b5d6bf505fa601824ee903a"},
            {"postgresql/V8__result_write_back.sql", "69b6252c6e628a2b472f8379cf3bd690e40119ce49cbd949976b1c0b01e93064"},
            {"postgresql/V9__reconcile.sql", "b4212634f7436d6bd9a69bae75fa9082ff426aff6c632b09fee561ccf3ed33ea"},
            {"sqlserver/V10__digest.sql", "ce8b880fa3717f6ec6bf030b716d2e11e205fb3e67c92f0b6c04056bd5cfce8e"},
            {"h2/V11__report_offer.sql", "1f984b4e9fbe17fd04306cf6cd029c76db1b0d94e955d227c4bb73d62895d1ff"},
            {"mysql/V11__report_offer.sql", "144d6a6f95916fdf8c52c5a6bc6e525ba826c99aed28ea4bd44f29c3cf6668dc"},
            {"oracle/V11__report_offer.sql", "85504d71e4ee12fb01e2f502d2c2eef7c3e722756ed20bb2442506f7b08eca02"},
            {"postgresql/V11__report_offer.sql", "1f984b4e9fbe17fd04306cf6cd029c76db1b0d94e955d227c4bb73d62895d1ff"},
            {"sqlserver/V11__report_offer.sql", "2aff789f9425df8e6158ff290838508d6f604552225835c0eda233388a9152e4"},
            {"sqlserver/V7__roster_source.sql", "c85f2f9da377232cd7917ef89b9246fe2ea9fe1d98d8e54e77bda80c129d1911"},
            {"sqlserver/V8__result_write_back.sql", "5e2efe99111d36815e70c34a59a843099818315353b8122883f61b27c5f2a5f2"},
            {"sqlserver/V9__reconcile.sql", "7df4f0e816f338bddaa4e5492ed02232f7e52e29be98f63b5bcc70316074fe46"},
    }).map(pair -> Map.entry(pair[0], pair[1])).toArray(Map.Entry[]::new));

    private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

    @Test
    void releasedMigrationsAreByteForByteAsReleased() throws Exception {
        Map<String, String> actual = new TreeMap<>();
        for (String file : RELEASED.keySet()) {
            byte[] bytes = Files.readAllBytes(MIGRATIONS.resolve(file));
            actual.put(file, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        }
        assertThat(actual).as("a released migration was edited: add a new one instead").isEqualTo(new TreeMap<>(RELEASED));
    }

    @Test
    void newMariaDbMigrationsDoNotNameThePrimaryKey() throws Exception {
        Pattern namedPrimaryKey = Pattern.compile("CONSTRAINT\\s+\\w+\\s+PRIMARY\\s+KEY", Pattern.CASE_INSENSITIVE);
        List<Path> newer;
        try (Stream<Path> files = Files.list(MIGRATIONS.resolve("mysql"))) {
            newer = files.filter(f -> {
                Matcher m = VERSION.matcher(f.getFileName().toString());
                return m.matches() && Integer.parseInt(m.group(1)) > 5;
            }).toList();
        }
        for (Path file : newer) {
            assertThat(namedPrimaryKey.matcher(Files.readString(file)).find())
                    .as(file + ": MariaDB ignores a primary key's name and warns; write PRIMARY KEY (...) unnamed").isFalse();
        }
    }
}
