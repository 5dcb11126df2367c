@echo off
rem sisbridge launcher for Windows (the installed distribution).
rem   bin\sisbridge.cmd run [--config FILE]    the service
rem   bin\sisbridge.cmd --help                 every command
rem JAVA_HOME selects the Java 17 runtime (else java on the PATH); JAVA_OPTS is added after the
rem default heap cap of 256 MB, so JAVA_OPTS=-Xmx512m raises it and other options keep it. The
rem parallel collector is the default unless JAVA_OPTS names a collector (the JVM refuses two).
rem -XX:+ExitOnOutOfMemoryError: a JVM out of memory exits (and its service is restarted) instead of
rem lingering with some of its threads dead.
setlocal

rem The install directory is the parent of bin\.
for %%i in ("%~dp0..") do set "SISBRIDGE_HOME=%%~fi"

if defined JAVA_HOME (
  set "JAVA=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA=java"
)

set "GC_OPTS=-XX:+UseParallelGC"
if defined JAVA_OPTS (
  echo(%JAVA_OPTS%| findstr /R /C:"-XX:+Use[A-Za-z]*GC\>" >nul && set "GC_OPTS="
)

"%JAVA%" -Xmx256m -XX:+ExitOnOutOfMemoryError %GC_OPTS% %JAVA_OPTS% "-Dsisbridge.home=%SISBRIDGE_HOME%" "-Dsisbridge.launcher=%~0" "-Dlogback.configurationFile=%SISBRIDGE_HOME%\config\logback.xml" -cp "%SISBRIDGE_HOME%\lib\*" org.sisbridge.cli.SisbridgeCommand %*

rem Hand the JVM's exit code to the caller (a service wrapper or a scheduled task).
endlocal & exit /b %ERRORLEVEL%
