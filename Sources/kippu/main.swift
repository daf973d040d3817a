import App
import Foundation

exit(KippuCommand.run(Array(CommandLine.arguments.dropFirst())))
