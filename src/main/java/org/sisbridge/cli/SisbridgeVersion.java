package org.sisbridge.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (Maven writes it), or "development" when run from classes. */
public class SisbridgeVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = SisbridgeVersion.class.getPackage().getImplementationVersion();
        return new String[] {"sisbridge " + (version == null ? "development" : version)};
    }
}
